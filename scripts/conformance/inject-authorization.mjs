// Preloaded into the conformance CLI (node --import) when it tests a server behind the Bulwark gateway. The suite
// (0.1.16) has no option to send credentials: its MCP client and its raw requests (undici `request`, e.g. the
// DNS-rebinding scenario) go out bare. This adds `Authorization: <BULWARK_CONFORMANCE_AUTHORIZATION>` to requests for
// the origin in BULWARK_CONFORMANCE_ORIGIN only, through undici's global dispatcher, which both Node's fetch and
// undici's `request` use. The gateway's authentication stays as in production; nothing here weakens it.
import { Agent, setGlobalDispatcher } from 'undici';

const authorization = process.env.BULWARK_CONFORMANCE_AUTHORIZATION;
const origin = process.env.BULWARK_CONFORMANCE_ORIGIN;
if (!authorization || !origin) {
  throw new Error('inject-authorization: BULWARK_CONFORMANCE_AUTHORIZATION and BULWARK_CONFORMANCE_ORIGIN must be set');
}
const target = new URL(origin).origin;

function withAuthorization(headers) {
  if (headers == null) {
    return { authorization };
  }
  if (Array.isArray(headers)) {
    return [...headers, 'authorization', authorization];
  }
  if (typeof headers[Symbol.iterator] === 'function' && typeof headers !== 'string') {
    return [...Array.from(headers).flat(), 'authorization', authorization];
  }
  return { ...headers, authorization };
}

const addAuthorization = (dispatch) => (options, handler) => {
  const requestOrigin = typeof options.origin === 'string' ? new URL(options.origin).origin : options.origin?.origin;
  if (requestOrigin === target) {
    return dispatch({ ...options, headers: withAuthorization(options.headers) }, handler);
  }
  return dispatch(options, handler);
};

setGlobalDispatcher(new Agent().compose(addAuthorization));
