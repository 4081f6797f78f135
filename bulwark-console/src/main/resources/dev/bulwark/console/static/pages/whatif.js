// Policy what-if: a draft policy set replayed against recorded decisions (POST /api/v1/policies/what-if).
import { api, message } from '../api.js';
import { h, json, status, unavailable } from '../dom.js';

export default {
  id: 'what-if',
  title: 'Policy what-if',
  roles: ['admin'],
  render(container) {
    const draft = h('textarea', { id: 'whatif-policies', rows: '12', spellcheck: 'false' });
    const since = h('input', { id: 'whatif-since', type: 'text', placeholder: 'e.g. 24h' });
    const out = h('div', { id: 'whatif-result' });
    const form = h('form', { class: 'stack' },
      h('label', { for: 'whatif-policies' }, 'Draft policy set (Cedar)'), draft,
      h('label', { for: 'whatif-since' }, 'Replay decisions since'), since,
      h('button', { type: 'submit' }, 'Run what-if'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const body = { policies: draft.value };
      if (since.value) body.since = since.value;
      const r = await api.post('policies/what-if', body);
      if (r.status === 404) { out.replaceChildren(unavailable('Policy what-if')); return; }
      out.replaceChildren(r.ok ? h('div', {}, status('Replayed.', 'ok'), json(r.data))
        : status(message(r), 'error'));
    });
    container.append(form, out);
  },
};
