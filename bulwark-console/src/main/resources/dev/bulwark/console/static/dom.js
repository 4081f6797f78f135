// Builds DOM nodes. Every value from the gateway goes in as text (textContent / createTextNode), never as HTML:
// tool names, arguments, agent names and audit details can hold anything an agent or attacker chose.

/** An element with attributes (strings), listeners (on<event>: function) and children (nodes or text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'href' || key === 'src' || key === 'style' || key.startsWith('on')) {
      throw new Error('h(): ' + key + ' is set by dedicated code only');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  add(el, children);
  return el;
}

/** A link to a console page (hash route); the target is a fixed page id, never data. */
export function pageLink(id, label) {
  const a = document.createElement('a');
  a.href = '#/' + encodeURIComponent(id);
  a.textContent = label;
  return a;
}

export function add(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** JSON shown as text in a <pre>. */
export function json(value) {
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

/** A table: columns are [label, row => node or text]. */
export function table(caption, columns, rows, empty = 'Nothing to show.') {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, empty);
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.map(row => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

/** A status line for screen readers and eyes. */
export function status(text, kind = 'info') {
  return h('p', { class: 'status ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** "Not available on this gateway" for an endpoint that answers 404 (a feature this build or config lacks). */
export function unavailable(what) {
  return h('p', { class: 'status unavailable', role: 'status' },
    what + ' is not available on this gateway.');
}

export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
