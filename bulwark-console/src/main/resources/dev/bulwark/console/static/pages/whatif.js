// Policy what-if: a draft policy set replayed against recorded decisions (POST /api/v1/policies/what-if), showing every
// call whose decision would change and the policies responsible.
import { api, message } from '../api.js';
import { h, table, status, unavailable, fmtTime } from '../dom.js';

function effect(side) {
  if (!side) return '—';
  return side.effect + (side.policies && side.policies.length ? ' (' + side.policies.join(', ') + ')' : '')
    + (side.reason ? ': ' + side.reason : '');
}

export function report(data) {
  const counts = ['scanned', 'replayed', 'unchanged', 'undecided', 'notReplayable', 'changesTotal']
    .filter(k => data[k] !== undefined).map(k => k + ' ' + data[k]).join(', ');
  return h('div', {},
    status('Replayed: ' + counts + '.', data.changesTotal > 0 ? 'error' : 'ok'),
    table('Calls whose decision would change', [
      ['#', c => String(c.sequence)], ['Time', c => fmtTime(c.time)], ['Agent', c => c.agent || ''],
      ['User', c => c.user || ''], ['Tool', c => h('code', {}, c.tool || '')], ['Change', c => c.change],
      ['Before', c => effect(c.before)], ['After', c => effect(c.after)],
    ], data.changes || [], 'No recorded decision would change.'));
}

export default {
  id: 'what-if',
  title: 'Policy what-if',
  roles: ['admin'],
  render(container) {
    const draft = h('textarea', { id: 'whatif-policies', rows: '14', spellcheck: 'false' });
    const since = h('input', { id: 'whatif-since', type: 'text', placeholder: '24h or 2026-01-01T00:00:00Z' });
    const agent = h('input', { id: 'whatif-agent', type: 'text' });
    const out = h('div', { id: 'whatif-result' });
    let schemas = {};
    const current = h('button', { type: 'button', id: 'whatif-current', onclick: async () => {
      const f = await api.get('policies/files');
      if (!f.ok) { out.replaceChildren(status(message(f), 'error')); return; }
      draft.value = f.data.filter(x => x.file.endsWith('.cedar') && x.text !== null)
        .map(x => '// ' + x.file + '\n' + x.text).join('\n');
      schemas = Object.fromEntries(f.data.filter(x => x.file.endsWith('.cedarschema') && x.text !== null)
        .map(x => [x.file.split('/').pop(), x.text]));
      draft.focus();
    } }, 'Start from the policies in force');
    const form = h('form', { class: 'stack' },
      h('div', { class: 'toolbar' }, current),
      h('label', { for: 'whatif-policies' }, 'Draft policy set (Cedar)'), draft,
      h('label', { for: 'whatif-since' }, 'Replay decisions since (optional)'), since,
      h('label', { for: 'whatif-agent' }, 'Only this agent (optional)'), agent,
      h('button', { type: 'submit' }, 'Run what-if'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = { files: Object.assign({}, schemas, { 'draft.cedar': draft.value }) };
      if (since.value) body.since = since.value;
      if (agent.value) body.agent = agent.value;
      const r = await api.post('policies/what-if', body);
      if (r.status === 404) { out.replaceChildren(unavailable('Policy what-if')); return; }
      if (r.status === 422 && r.data && r.data.problems) {
        out.replaceChildren(status('The draft is invalid; nothing was replayed.', 'error'), table('Problems', [
          ['File', p => p.file], ['Line', p => String(p.line)], ['Column', p => String(p.column)],
          ['Message', p => p.message]], r.data.problems));
        return;
      }
      out.replaceChildren(r.ok ? report(r.data) : status(message(r), 'error'));
    });
    container.append(form, out);
  },
};
