// The approval queue: each request with its redacted arguments, why it was paused, the session facts and, per
// argument, where its values came from (facts.flow); approvers approve or deny, the admin may deny.
import { api, message } from '../api.js';
import { h, json, table, status, fmtTime } from '../dom.js';

const FLAGS = ['sink', 'trusted', 'untrusted_only', 'from_untrusted_only', 'untrusted_identifier', 'untrusted_value',
  'unseen', 'identifier_outside_intent', 'whole'];

function list(values) {
  return Array.isArray(values) && values.length ? values.join(', ') : '—';
}

/** Where each argument's values came from, as flow control recorded it for this call. */
export function flowFacts(flow) {
  if (!flow || typeof flow !== 'object' || !flow.args) {
    return h('p', { class: 'hint' }, 'No flow facts were recorded for this call.');
  }
  const rows = Object.entries(flow.args).map(([name, a]) => ({ name, a: a || {} }));
  const summary = ['untrusted_in_sink', 'sinks_from_untrusted_only', 'untrusted_identifier_in_sink',
    'untrusted_value_in_sink', 'identifier_outside_intent_in_sink', 'unseen_in_sink']
    .filter(k => flow[k] === true);
  return h('div', { class: 'flow' },
    table('Where each argument came from', [
      ['Argument', r => h('code', {}, r.name)],
      ['Sources', r => list(r.a.sources)],
      ['Kinds', r => list(r.a.kinds)],
      ['Labels', r => list(r.a.labels)],
      ['Facts', r => FLAGS.filter(f => r.a[f] === true).join(', ') || '—'],
    ], rows, 'No arguments.'),
    h('p', {}, 'Call-wide: ', summary.length ? summary.join(', ') : 'nothing flagged'));
}

function requestCard(req, session, reload) {
  const facts = req.facts || {};
  const out = h('div', { class: 'result' });
  const reasonId = 'deny-reason-' + req.id;
  const reason = h('input', { id: reasonId, type: 'text', maxlength: '500' });
  async function decide(verb) {
    const body = verb === 'deny' ? { reason: reason.value || 'denied in the console' } : undefined;
    const r = await api.post('approvals/' + encodeURIComponent(req.id) + '/' + verb, body);
    out.replaceChildren(r.ok ? status((verb === 'approve' ? 'Approved' : 'Denied') + ': state is now '
      + r.data.state + '.', 'ok') : status(message(r), 'error'));
    if (r.ok) setTimeout(reload, 800);
  }
  const pending = req.state === 'pending';
  return h('article', { class: 'approval', 'data-approval': req.id, 'aria-labelledby': 'ap-' + req.id },
    h('h2', { id: 'ap-' + req.id }, h('code', {}, req.tool), ' by ', req.agentId,
      req.userId ? ' for ' + req.userId : '', ' — ', h('span', { class: 'state ' + req.state }, req.state)),
    h('dl', {},
      h('dt', {}, 'Why'), h('dd', {}, list(req.reasons), ' (policy ', list(req.policyIds), ')'),
      h('dt', {}, 'Requested'), h('dd', {}, fmtTime(req.createdAt), ', expires ', fmtTime(req.expiresAt)),
      h('dt', {}, 'Approvals'), h('dd', {}, (req.approvers || []).length + ' of ' + req.requiredApprovals,
        req.approvers && req.approvers.length ? ' (' + req.approvers.join(', ') + ')' : ''),
      h('dt', {}, 'Session labels'), h('dd', {}, list(facts.labelsSeen)),
      h('dt', {}, 'Recent tools'), h('dd', {}, list(facts.recentTools)),
      h('dt', {}, 'Risk'), h('dd', {}, facts.risk === undefined ? '—' : String(facts.risk)),
      h('dt', {}, 'Calls in session'), h('dd', {}, facts.callCount === undefined ? '—' : String(facts.callCount)),
      req.denyReason ? [h('dt', {}, 'Denied'), h('dd', {}, req.deniedBy + ': ' + req.denyReason)] : null),
    h('h3', {}, 'Arguments (redacted)'), json(req.arguments),
    h('h3', {}, 'Flow facts'), flowFacts(facts.flow),
    pending ? h('div', { class: 'decide' },
      session.role === 'approver'
        ? h('button', { type: 'button', class: 'approve', onclick: () => decide('approve') }, 'Approve')
        : h('p', { class: 'hint' }, 'The admin token may deny but never approve: an approval names a human.'),
      h('label', { for: reasonId }, 'Reason for denial'), reason,
      h('button', { type: 'button', class: 'deny', onclick: () => decide('deny') }, 'Deny')) : null,
    out);
}

export default {
  id: 'approvals',
  title: 'Approval queue',
  roles: ['admin', 'approver'],
  render(container, { session }) {
    const select = h('select', { id: 'approval-state' },
      ['pending', 'approved', 'denied', 'expired', 'consumed', 'all'].map(s => h('option', { value: s }, s)));
    const refresh = h('button', { type: 'button', id: 'approvals-refresh', onclick: () => load() }, 'Refresh');
    const out = h('div', { id: 'approvals-list' });
    container.append(h('div', { class: 'toolbar' }, h('label', { for: 'approval-state' }, 'Show'), select, refresh),
      out);
    select.addEventListener('change', () => load());
    async function load() {
      const r = await api.get('approvals?state=' + encodeURIComponent(select.value) + '&limit=50');
      if (!r.ok) { out.replaceChildren(status(message(r), 'error')); return; }
      out.replaceChildren(r.data.length ? h('div', {}, r.data.map(req => requestCard(req, session, load)))
        : h('p', { class: 'empty' }, 'No ' + (select.value === 'all' ? '' : select.value + ' ') + 'requests.'));
    }
    load();
    const timer = setInterval(() => { if (!container.contains(document.activeElement)) load(); }, 5000);
    return () => clearInterval(timer);
  },
};
