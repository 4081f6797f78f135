// Metrics at a glance: the gateway's Prometheus metrics (/metrics) as a table with bars.
import { request, message } from '../api.js';
import { h, table, status, unavailable } from '../dom.js';

/** Samples of the Prometheus text format: name{labels} value (comments and histogram buckets skipped). */
export function parse(text) {
  const out = [];
  for (const line of String(text).split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || m[1].endsWith('_bucket')) continue;
    const value = Number(m[3]);
    if (Number.isFinite(value)) out.push({ name: m[1], labels: m[2] || '', value });
  }
  return out;
}

export default {
  id: 'metrics',
  title: 'Metrics',
  roles: ['admin'],
  render(container) {
    const filter = h('input', { id: 'metrics-filter', type: 'search', value: 'bulwark' });
    const out = h('div', { id: 'metrics-table' });
    let samples = [];
    const show = () => {
      const q = filter.value.toLowerCase();
      const shown = samples.filter(s => (s.name + s.labels).toLowerCase().includes(q)).slice(0, 300);
      const max = Math.max(1, ...shown.map(s => s.value));
      out.replaceChildren(table('Metrics', [
        ['Metric', s => h('code', {}, s.name)], ['Labels', s => s.labels], ['Value', s => String(s.value)],
        ['', s => h('meter', { min: '0', max: String(max), value: String(Math.max(0, s.value)) })],
      ], shown, 'No matching metrics.'));
    };
    async function load() {
      const r = await request('GET', '/console/metrics');
      if (r.status === 404) { out.replaceChildren(unavailable('Prometheus metrics')); return; }
      if (!r.ok) { out.replaceChildren(status(message(r), 'error')); return; }
      samples = parse(r.data);
      show();
    }
    filter.addEventListener('input', show);
    container.append(h('div', { class: 'toolbar' }, h('label', { for: 'metrics-filter' }, 'Filter'), filter), out);
    load();
    const timer = setInterval(load, 10000);
    return () => clearInterval(timer);
  },
};
