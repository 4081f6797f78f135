// Talks to the gateway through the console's session: /console/session and /console/api/v1/... . Every
// state-changing request carries the session's CSRF token; the cookie is HttpOnly and never read here.

let csrfToken = null;
let signedOut = () => {};

export function useSession(session, onSignedOut) {
  csrfToken = session ? session.csrfToken : null;
  if (onSignedOut) signedOut = onSignedOut;
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return { status: 0, ok: false, data: { message: 'the gateway did not answer' } };
  }
  const text = await response.text();
  let data = text;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: metrics text */ }
  if (response.status === 401 && path !== '/console/session') signedOut();
  return { status: response.status, ok: response.ok, data };
}

/** The admin / approvals API (/api/v1/...), as the signed-in human. */
export const api = {
  get: path => request('GET', '/console/api/v1/' + path),
  post: (path, body) => request('POST', '/console/api/v1/' + path, body),
};

/** The message of an error answer. */
export function message(result) {
  const d = result.data;
  if (d && typeof d === 'object' && d.message) return d.message + ' (' + result.status + ')';
  return 'request failed (' + result.status + ')';
}
