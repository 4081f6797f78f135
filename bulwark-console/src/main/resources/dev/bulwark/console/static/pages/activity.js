// Live activity: the newest audit records, refreshed every few seconds (pausable).
import { api, message } from '../api.js';
import { h, table, status, fmtTime } from '../dom.js';

export const REFRESH_MS = 3000;

export function eventsTable(records) {
  return table('Newest audit records first', [
    ['#', r => String(r.sequence)],
    ['Time', r => fmtTime(r.time)],
    ['Type', r => r.type],
    ['Action', r => h('span', { class: 'action' }, r.action)],
    ['Outcome', r => h('span', { class: 'outcome ' + String(r.outcome).toLowerCase() }, r.outcome)],
    ['Agent', r => r.agent || ''],
    ['User', r => r.user || ''],
    ['Reason', r => r.reason || ''],
  ], records, 'No audit records yet.');
}

export default {
  id: 'activity',
  title: 'Live activity',
  roles: ['admin'],
  render(container) {
    let paused = false;
    const out = h('div', { id: 'activity-table' });
    const note = h('p', { class: 'hint' }, 'Refreshes every ' + REFRESH_MS / 1000 + ' s.');
    const toggle = h('button', { type: 'button', id: 'activity-pause', 'aria-pressed': 'false', onclick: () => {
      paused = !paused;
      toggle.textContent = paused ? 'Resume' : 'Pause';
      toggle.setAttribute('aria-pressed', String(paused));
    } }, 'Pause');
    container.append(h('div', { class: 'toolbar' }, toggle, note), out);
    async function load() {
      if (paused) return;
      const r = await api.get('audit?limit=50');
      out.replaceChildren(r.ok ? eventsTable([...r.data].reverse()) : status(message(r), 'error'));
    }
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  },
};
