// Drives the Bulwark gateway with the official TypeScript MCP SDK client.
// The client starts without a token: it must discover the authorization server from the 401 response
// (RFC 9728 / RFC 8414) and obtain a token with client_credentials by itself.
// Usage: node interop-client.mjs <mcp-url> <client-id> <client-secret> <issuer> <allowed-tool> <allowed-args-json> <denied-tool> <denied-args-json>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";

const [url, clientId, clientSecret, issuer, allowedTool, allowedArgs, deniedTool, deniedArgs] = process.argv.slice(2);
const authProvider = new ClientCredentialsProvider({ clientId, clientSecret, expectedIssuer: issuer });
const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider });
const client = new Client({ name: "bulwark-interop", version: "1.0.0" });

const report = {};
try {
  await client.connect(transport);
  report.serverVersion = client.getServerVersion();
  report.protocolVersion = transport.protocolVersion ?? null;
  report.tools = (await client.listTools()).tools.map((t) => t.name).sort();
  report.allowed = await client.callTool({ name: allowedTool, arguments: JSON.parse(allowedArgs) });
  report.denied = await client.callTool({ name: deniedTool, arguments: JSON.parse(deniedArgs) });
  try {
    await client.callTool({ name: "crm.no_such_tool", arguments: {} });
    report.unknown = "no error";
  } catch (e) {
    report.unknown = { code: e.code ?? null, message: String(e.message) };
  }
  report.tokenType = authProvider.tokens()?.token_type ?? null;
  await client.close();
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = String(e && e.stack ? e.stack : e);
}
process.stdout.write(JSON.stringify(report) + "\n");
process.exit(report.ok ? 0 : 1);
