// Anomalies detected per agent and user (GET /api/v1/anomalies), refreshed.
import { api, message } from '../api.js';
import { h, table, status, unavailable } from '../dom.js';

function cell(v) {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v ?? '');
}

export default {
  id: 'anomalies',
  title: 'Anomalies',
  roles: ['admin'],
  render(container) {
    const out = h('div', { id: 'anomalies-list' });
    container.append(out);
    async function load() {
      const r = await api.get('anomalies');
      if (r.status === 404) { out.replaceChildren(unavailable('Anomaly detection')); return; }
      if (!r.ok) { out.replaceChildren(status(message(r), 'error')); return; }
      const rows = Array.isArray(r.data) ? r.data : (r.data.anomalies || []);
      const keys = [...new Set(rows.flatMap(x => Object.keys(x || {})))].slice(0, 8);
      out.replaceChildren(table('Anomalies', keys.map(k => [k, x => cell(x[k])]), rows, 'No anomalies.'));
    }
    load();
    const timer = setInterval(load, 10000);
    return () => clearInterval(timer);
  },
};
