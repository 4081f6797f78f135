// Anomalies the detectors reported per agent and user (GET /api/v1/anomalies), newest first, refreshed.
import { api, message } from '../api.js';
import { h, table, status, unavailable, fmtTime } from '../dom.js';

function text(v) {
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
      const r = await api.get('anomalies?limit=200');
      if (r.status === 404) { out.replaceChildren(unavailable('Anomaly detection')); return; }
      if (!r.ok) { out.replaceChildren(status(message(r), 'error')); return; }
      const rows = Array.isArray(r.data) ? r.data : (r.data.anomalies || []);
      out.replaceChildren(table('Anomalies, newest first', [
        ['Time', a => fmtTime(a.time)], ['Kind', a => text(a.kind)], ['Principal', a => text(a.principal)],
        ['Tool', a => text(a.tool)], ['Score', a => text(a.score)], ['What', a => text(a.summary)],
        ['Responses', a => Array.isArray(a.responses) ? a.responses.join(', ') : text(a.responses)],
        ['Facts', a => h('details', {}, h('summary', {}, 'facts'), h('pre', { class: 'json' },
          JSON.stringify(a.facts ?? {}, null, 2)))],
      ], rows, 'No anomalies.'));
    }
    load();
    const timer = setInterval(load, 10000);
    return () => clearInterval(timer);
  },
};
