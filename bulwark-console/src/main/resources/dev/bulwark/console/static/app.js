// The console shell: sign-in, navigation and the page router. Pages are modules listed in pages/registry.js;
// each exports { id, title, roles, render(container, ctx) } and may return a function that stops its timers.
import { request, useSession, message } from './api.js';
import { h, pageLink } from './dom.js';
import { pages } from './pages/registry.js';

const $ = id => document.getElementById(id);
let session = null;
let stopPage = null;

function signedOut() {
  session = null;
  useSession(null);
  if (stopPage) { stopPage(); stopPage = null; }
  $('nav').hidden = true;
  $('who').hidden = true;
  $('page').replaceChildren();
  $('login').hidden = false;
  $('credential').focus();
}

function visiblePages() {
  return pages.filter(p => p.roles.includes(session.role));
}

function signedIn(s) {
  session = s;
  useSession(s, signedOut);
  $('login').hidden = true;
  $('credential').value = '';
  $('login-error').textContent = '';
  $('who-name').textContent = s.user + ' (' + s.role + ')';
  $('who').hidden = false;
  const nav = $('nav');
  nav.replaceChildren(h('ul', {}, visiblePages().map(p => h('li', {}, pageLink(p.id, p.title)))));
  nav.hidden = false;
  route();
}

function route() {
  if (!session) return;
  const available = visiblePages();
  const wanted = decodeURIComponent((location.hash || '').replace(/^#\//, ''));
  const page = available.find(p => p.id === wanted) || available[0];
  if (stopPage) { stopPage(); stopPage = null; }
  for (const a of $('nav').querySelectorAll('a')) {
    if (a.getAttribute('href') === '#/' + page.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const container = $('page');
  container.replaceChildren(h('h1', { id: 'page-title', tabindex: '-1' }, page.title));
  document.title = page.title + ' · Bulwark console';
  const body = h('div', { class: 'page', id: 'page-' + page.id });
  container.append(body);
  stopPage = page.render(body, { session }) || null;
  if (wanted) $('page-title').focus();
}

async function signIn(event) {
  event.preventDefault();
  const credential = $('credential').value;
  if (!credential) {
    $('login-error').textContent = 'Enter an approver key or the admin token.';
    $('credential').focus();
    return;
  }
  const r = await request('POST', '/console/session', { credential });
  if (r.ok) {
    signedIn(r.data);
  } else {
    $('login-error').textContent = r.status === 401 ? 'Sign-in refused: that key does not belong to an approver or'
      + ' the admin.' : 'Sign-in failed: ' + message(r);
    $('credential').focus();
  }
}

async function signOut() {
  await request('DELETE', '/console/session');
  signedOut();
}

async function start() {
  $('login-form').addEventListener('submit', signIn);
  $('logout').addEventListener('click', signOut);
  window.addEventListener('hashchange', route);
  const r = await request('GET', '/console/session');
  if (r.ok) signedIn(r.data); else signedOut();
}

start();
