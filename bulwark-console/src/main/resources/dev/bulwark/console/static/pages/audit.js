// Audit explorer: chain and anchor verification status, and the newest records with a client-side filter.
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

export default {
  id: 'audit',
  title: 'Audit explorer',
  roles: ['admin'],
  render(container) {
    const verify = h('div', {});
    const filter = h('input', { id: 'audit-filter', type: 'search' });
    const limit = h('select', { id: 'audit-limit' }, ['50', '200', '1000'].map(n => h('option', { value: n }, n)));
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
    async function load() {
      const [v, r] = await Promise.all([api.get('audit/verify'), api.get('audit?limit=' + limit.value)]);
      verify.replaceChildren(v.ok ? verification(v.data) : status(message(v), 'error'));
      if (r.ok) { rows = [...r.data].reverse(); show(); } else records.replaceChildren(status(message(r), 'error'));
    }
    filter.addEventListener('input', show);
    limit.addEventListener('change', load);
    container.append(verify, h('h2', {}, 'Records'),
      h('div', { class: 'toolbar' }, h('label', { for: 'audit-filter' }, 'Filter'), filter,
        h('label', { for: 'audit-limit' }, 'Newest'), limit,
        h('button', { type: 'button', onclick: load }, 'Verify again and reload')), records);
    load();
  },
};
