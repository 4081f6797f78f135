// Policies: the Cedar files in force (read-only view) and validation of the policy directory; "Validate and reload"
// loads it when valid (an invalid set is refused and the old one stays).
import { api, message } from '../api.js';
import { h, table, status } from '../dom.js';

function problems(caption, list, empty) {
  return table(caption, [
    ['File', p => p.file], ['Line', p => String(p.line)], ['Column', p => String(p.column)],
    ['Message', p => p.message],
  ], list, empty);
}

export default {
  id: 'policies',
  title: 'Policies',
  roles: ['admin'],
  render(container) {
    const summary = h('div', { id: 'policies-summary' });
    const result = h('div', { id: 'policies-result' });
    const files = h('div', { id: 'policies-files' });
    async function validate(reload) {
      const r = reload ? await api.post('policies/reload') : await api.post('policies/validate');
      if (r.status === 404 && !reload) { result.replaceChildren(status('Validation without reload is not available'
        + ' on this gateway.', 'error')); return; }
      if (r.data && (r.data.loaded === true || r.data.valid === true)) {
        result.replaceChildren(status((reload ? 'Loaded ' : 'Valid: ') + r.data.count + ' policies.', 'ok'),
          problems('Warnings', r.data.warnings || [], 'No warnings.'));
      } else if (r.data && r.data.problems) {
        result.replaceChildren(status('Invalid: ' + r.data.problems.length + ' problem(s)'
          + (reload ? '; the policies in force were kept.' : '.'), 'error'), problems('Problems', r.data.problems, 'No problems listed.'));
      } else {
        result.replaceChildren(status(message(r), 'error'));
      }
      load();
    }
    async function load() {
      const [c, f] = await Promise.all([api.get('policies'), api.get('policies/files')]);
      summary.replaceChildren(c.ok ? status(c.data.count + ' policies in force.') : status(message(c), 'error'));
      if (f.status === 404) { files.replaceChildren(status('Viewing policy files is not available on this gateway.'));
        return; }
      files.replaceChildren(f.ok ? h('div', {}, f.data.map(file => h('section', { class: 'policy-file' },
        h('h2', {}, file.file), h('pre', { class: 'cedar' }, file.text)))) : status(message(f), 'error'));
    }
    container.append(summary, h('div', { class: 'toolbar' },
      h('button', { type: 'button', id: 'policies-validate', onclick: () => validate(false) }, 'Validate'),
      h('button', { type: 'button', id: 'policies-reload', onclick: () => validate(true) }, 'Validate and reload')),
    result, files);
    load();
  },
};
