// Drives Bulwark's interactive login with the official TypeScript MCP SDK client, as a person's own client would:
// the client starts with only the URL; on 401 the SDK discovers the authorization server (RFC 9728, RFC 8414),
// registers itself (RFC 7591), and sends the user to the authorization URL with PKCE. Here a scripted browser logs
// the user in and consents (keeping the login cookie and the pages' CSRF tokens); the SDK redeems the code, and the
// client calls a tool. Then it refreshes its token through the SDK.
// With "federated" as <user>, the browser logs in at the external OpenID provider instead (its button on the login
// page), which sends it back to Bulwark's consent page.
// Usage: node oauth-login-client.mjs <mcp-url> <redirect-url> <user|federated> <password> <tool> <args-json>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError, refreshAuthorization } from "@modelcontextprotocol/sdk/client/auth.js";

const [url, redirectUrl, user, password, tool, args] = process.argv.slice(2);

class ScriptedBrowserProvider {
  constructor() { this.authorizationUrl = null; }
  get redirectUrl() { return redirectUrl; }
  get clientMetadata() {
    return {
      client_name: "TypeScript SDK interop",
      redirect_uris: [redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  state() { return "ts-sdk-state"; }
  clientInformation() { return this.client; }
  saveClientInformation(info) { this.client = info; }
  tokens() { return this.saved; }
  saveTokens(tokens) { this.saved = tokens; }
  redirectToAuthorization(authorizationUrl) { this.authorizationUrl = authorizationUrl; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
}

/** The user's browser: login page, login form, consent form; answers the code sent to the client's redirect URI. */
async function scriptedLogin(authorizationUrl) {
  let cookie = "";
  const remember = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0];
      if (!pair.endsWith("=")) cookie = pair;
    }
  };
  const csrfOf = (html) => {
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error("no CSRF token in page: " + html.slice(0, 300));
    return m[1];
  };
  const post = async (form, path = "/oauth/authorize") => {
    const res = await fetch(new URL(path, authorizationUrl), {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams(form).toString(),
    });
    remember(res);
    return res;
  };
  const loginPage = await fetch(authorizationUrl, { redirect: "manual" });
  remember(loginPage);
  if (loginPage.status !== 200) throw new Error("login page: " + loginPage.status + " " + (await loginPage.text()));
  let consentPage;
  if (user === "federated") {
    const toProvider = await post({ csrf: csrfOf(await loginPage.text()) }, "/oauth/federated/start");
    if (toProvider.status !== 303) throw new Error("federated start: " + toProvider.status);
    const atProvider = await fetch(toProvider.headers.get("location"), { redirect: "manual" });
    const back = atProvider.headers.get("location");
    if (!back || !back.startsWith(new URL("/oauth/federated/callback", authorizationUrl).href)) {
      throw new Error("provider did not send the browser back: " + atProvider.status + " " + back);
    }
    consentPage = await fetch(back, { redirect: "manual", headers: { cookie } });
    remember(consentPage);
  } else {
    consentPage = await post({ csrf: csrfOf(await loginPage.text()), action: "login", username: user, password });
  }
  const consentHtml = await consentPage.text();
  if (consentPage.status !== 200) throw new Error("login: " + consentPage.status + " " + consentHtml);
  const done = await post({ csrf: csrfOf(consentHtml), action: "consent", decision: "allow" });
  const location = new URL(done.headers.get("location"));
  if (location.origin + location.pathname !== redirectUrl) throw new Error("redirected elsewhere: " + location);
  if (location.searchParams.get("state") !== "ts-sdk-state") throw new Error("state lost: " + location);
  return { code: location.searchParams.get("code"), consentNamesClient: consentHtml.includes("TypeScript SDK interop") };
}

const report = {};
try {
  const provider = new ScriptedBrowserProvider();
  let transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  try {
    await new Client({ name: "bulwark-oauth-interop", version: "1.0.0" }).connect(transport);
    throw new Error("connected without logging in");
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) throw e;
  }
  report.authorizationUrl = String(provider.authorizationUrl);
  report.registeredClientId = provider.client?.client_id ?? null;
  const login = await scriptedLogin(provider.authorizationUrl);
  report.consentNamesClient = login.consentNamesClient;
  await transport.finishAuth(login.code);
  report.refreshTokenIssued = Boolean(provider.saved?.refresh_token);

  transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  const client = new Client({ name: "bulwark-oauth-interop", version: "1.0.0" });
  await client.connect(transport);
  report.serverVersion = client.getServerVersion();
  report.result = await client.callTool({ name: tool, arguments: JSON.parse(args) });
  await client.close();

  // Rotation through the SDK: a new refresh token each time.
  const metadata = await (await fetch(new URL("/.well-known/oauth-authorization-server", url))).json();
  const refreshed = await refreshAuthorization(metadata.issuer, {
    metadata, clientInformation: provider.client, refreshToken: provider.saved.refresh_token,
    resource: new URL(url),
  });
  report.rotated = refreshed.refresh_token !== provider.saved.refresh_token;
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = String(e && e.stack ? e.stack : e);
}
process.stdout.write(JSON.stringify(report) + "\n");
process.exit(report.ok ? 0 : 1);
