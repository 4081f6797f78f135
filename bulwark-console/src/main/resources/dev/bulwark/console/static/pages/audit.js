// Audit explorer: chain and anchor verification status, and records: the newest ones, or those the gateway's audit
// query selects (agent, tool, decision, since; GET /api/v1/audit/query where the gateway has it), with a text filter.
import { api, message } from '../api.js';
import { h, json, table, status, fmtTime } from '../dom.js';

function verification(v) {
  const intact = v.intact === true;
  return h('section', { id: 'audit-verification', 'aria-labelledby': 'verify-title' },
    h('h2', { id: 'verify-title' }, 'Verification'),
    status(intact ? 'Chain intact: ' + v.records + ' records, ' + v.checkpoints + ' signed checkpoints.'
      : 'Chain BROKEN at record ' + v.sequence + ': ' + v.problem, intact ? 'ok' : 'error'),
    table('Witnesses (anchors outside the database)', [
      ['Witness', w => w.witness],
      ['Anchored up to', w => String(w.anchoredUpTo)],
      ['Behind', w => w.behind === true ? h('span', { class: 'warn' }, 'yes: newer records not anchored yet')
        : 'no'],
      ['Last error', w => w.lastError || '—'],
    ], v.witnesses || [], 'No audit witness is configured: the chain is checked against the database alone.'));
}

function field(id, label, input) {
  return [h('label', { for: id }, label), input];
}

export default {
  id: 'audit',
  title: 'Audit explorer',
  roles: ['admin'],
  render(container) {
    const verify = h('div', {});
    const filter = h('input', { id: 'audit-filter', type: 'search' });
    const limit = h('select', { id: 'audit-limit' }, ['50', '200', '1000'].map(n => h('option', { value: n }, n)));
    const agent = h('input', { id: 'audit-agent', type: 'text', size: '14' });
    const tool = h('input', { id: 'audit-tool', type: 'text', size: '18' });
    const since = h('input', { id: 'audit-since', type: 'text', size: '10', placeholder: '24h' });
    const decision = h('select', { id: 'audit-decision' },
      ['', 'allow', 'deny', 'approval', 'none'].map(d => h('option', { value: d }, d || 'any')));
    const note = h('div', { id: 'audit-note' });
    const records = h('div', { id: 'audit-records' });
    let rows = [];
    const show = () => {
      const q = filter.value.toLowerCase();
      const shown = q ? rows.filter(r => JSON.stringify(r).toLowerCase().includes(q)) : rows;
      records.replaceChildren(table('Audit records, newest first', [
        ['#', r => String(r.sequence)],
        ['Time', r => fmtTime(r.time)],
        ['Action', r => r.action],
        ['Outcome', r => r.outcome],
        ['Agent', r => r.agent || ''],
        ['User', r => r.user || ''],
        ['Reason', r => r.reason || ''],
        ['Details', r => h('details', {}, h('summary', {}, 'details'), json(r.details), h('p', { class: 'hash' },
          'hash ', r.hash))],
      ], shown, 'No matching records.'));
    };
    async function records_() {
      const params = new URLSearchParams();
      if (agent.value) params.set('agent', agent.value);
      if (tool.value) params.set('tool', tool.value);
      if (decision.value) params.set('decision', decision.value);
      if (since.value) params.set('since', since.value);
      if ([...params.keys()].length === 0) {
        note.replaceChildren();
        return api.get('audit?limit=' + limit.value);
      }
      params.set('limit', limit.value);
      const r = await api.get('audit/query?' + params.toString());
      if (r.status === 404) {
        note.replaceChildren(status('Audit queries are not available on this gateway: the fields above are ignored;'
          + ' use the text filter on the newest records.', 'unavailable'));
        return api.get('audit?limit=' + limit.value);
      }
      note.replaceChildren();
      return r.ok ? { ok: true, status: r.status, data: r.data.records || [] } : r;
    }
    async function load() {
      const [v, r] = await Promise.all([api.get('audit/verify'), records_()]);
      verify.replaceChildren(v.ok ? verification(v.data) : status(message(v), 'error'));
      if (r.ok) { rows = [...r.data].reverse(); show(); } else records.replaceChildren(status(message(r), 'error'));
    }
    filter.addEventListener('input', show);
    limit.addEventListener('change', load);
    const query = h('form', { class: 'toolbar', id: 'audit-query' },
      field('audit-agent', 'Agent', agent), field('audit-tool', 'Tool', tool),
      field('audit-decision', 'Decision', decision), field('audit-since', 'Since', since),
      field('audit-limit', 'At most', limit),
      h('button', { type: 'submit' }, 'Verify again and load'));
    query.addEventListener('submit', e => { e.preventDefault(); load(); });
    container.append(verify, h('h2', {}, 'Records'), query, note,
      h('div', { class: 'toolbar' }, h('label', { for: 'audit-filter' }, 'Filter shown records'), filter), records);
    load();
  },
};
