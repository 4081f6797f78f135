// Agents: list, register, suspend / activate, rotate keys, and the kill switch: the gateway's own (POST
// /agents/{id}/kill: suspend and revoke every token) or, on a gateway without it, suspend; then the API key is replaced
// (not shown) so whoever holds the old key obtains no new token.
import { api, message } from '../api.js';
import { h, table, status, fmtTime } from '../dom.js';

function secretOnce(label, value) {
  return h('div', { class: 'secret', role: 'status' }, h('p', {}, label + ' (shown once; copy it now):'),
    h('output', { class: 'key' }, value));
}

export default {
  id: 'agents',
  title: 'Agents',
  roles: ['admin'],
  render(container) {
    const out = h('div', { id: 'agents-result' });
    const listing = h('div', { id: 'agents-list' });

    async function act(agent, what) {
      const id = encodeURIComponent(agent.id);
      if (what === 'kill') {
        // The gateway's kill switch (suspend + revoke every token the agent holds) where it has one; else suspend.
        const k = await api.post('agents/' + id + '/kill');
        const noEndpoint = k.status === 404 && k.data && /endpoint/.test(String(k.data.message));
        if (!k.ok && !noEndpoint) { out.replaceChildren(status(message(k), 'error')); return; }
        if (noEndpoint) {
          const s = await api.post('agents/' + id + '/suspend');
          if (!s.ok) { out.replaceChildren(status(message(s), 'error')); return; }
        }
        const r = await api.post('agents/' + id + '/rotate-key');
        out.replaceChildren(r.ok ? status('Kill switch: ' + agent.id + ' is suspended'
          + (k.ok ? ', every token it holds is revoked' : ' (its tokens are refused while it stays suspended)')
          + ' and its API key was replaced; the new key is not shown. Issue one with “Rotate key” before'
          + ' activating it again.', 'ok')
          : status('Suspended, but replacing the key failed: ' + message(r), 'error'));
      } else if (what === 'rotate-key') {
        const r = await api.post('agents/' + id + '/rotate-key');
        out.replaceChildren(r.ok ? secretOnce('New API key of ' + agent.id, r.data.apiKey)
          : status(message(r), 'error'));
      } else {
        const r = await api.post('agents/' + id + '/' + what);
        out.replaceChildren(r.ok ? status(agent.id + ' is now ' + r.data.status + '.', 'ok')
          : status(message(r), 'error'));
      }
      load();
    }

    function actions(agent) {
      const confirm = h('button', { type: 'button', class: 'danger', hidden: true,
        onclick: () => act(agent, 'kill') }, 'Confirm: kill ' + agent.id);
      return h('div', { class: 'actions' },
        agent.status === 'active'
          ? h('button', { type: 'button', onclick: () => act(agent, 'suspend') }, 'Suspend')
          : h('button', { type: 'button', onclick: () => act(agent, 'activate') }, 'Activate'),
        h('button', { type: 'button', onclick: () => act(agent, 'rotate-key') }, 'Rotate key'),
        h('button', { type: 'button', class: 'kill', 'aria-label': 'Kill switch for ' + agent.id, onclick: () => {
          confirm.hidden = false;
          confirm.focus();
        } }, 'Kill switch'),
        confirm);
    }

    async function load() {
      const r = await api.get('agents');
      listing.replaceChildren(r.ok ? table('Registered agents', [
        ['Agent', a => h('code', {}, a.id)],
        ['Owner', a => a.owner],
        ['Status', a => h('span', { class: 'state ' + a.status }, a.status)],
        ['Roles', a => (a.roles || []).join(', ')],
        ['Attributes', a => Object.entries(a.attributes || {}).map(([k, v]) => k + '=' + v).join('; ')],
        ['Registered', a => fmtTime(a.createdAt)],
        ['Actions', a => actions(a)],
      ], r.data, 'No agents registered.') : status(message(r), 'error'));
    }

    const fields = {
      id: h('input', { id: 'agent-id', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}' }),
      owner: h('input', { id: 'agent-owner', required: true }),
      roles: h('input', { id: 'agent-roles' }),
    };
    const form = h('form', { id: 'agent-create', class: 'stack' },
      h('h2', {}, 'Register an agent'),
      h('label', { for: 'agent-id' }, 'Agent id'), fields.id,
      h('label', { for: 'agent-owner' }, 'Owner'), fields.owner,
      h('label', { for: 'agent-roles' }, 'Roles (comma-separated)'), fields.roles,
      h('button', { type: 'submit' }, 'Register'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const roles = fields.roles.value.split(',').map(s => s.trim()).filter(Boolean);
      const r = await api.post('agents', { id: fields.id.value, owner: fields.owner.value, roles, attributes: {} });
      out.replaceChildren(r.ok ? secretOnce('API key of ' + r.data.agent.id, r.data.apiKey)
        : status(message(r), 'error'));
      if (r.ok) form.reset();
      load();
    });
    container.append(out, listing, form);
    load();
  },
};
