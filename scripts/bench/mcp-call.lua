-- wrk script: POSTs MCP tools/call requests, rotating over pre-initialized sessions, and counts answers that are
-- not successful tool results. Arguments: <tool> <comma-separated session ids> [bearer token] [arguments JSON]
local tool, sessions, token, arguments
local counter = 0
local bad = 0

function init(args)
  tool = args[1]
  sessions = {}
  for s in string.gmatch(args[2], "[^,]+") do sessions[#sessions + 1] = s end
  token = args[3]
  arguments = args[4]
end

function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["Mcp-Session-Id"] = sessions[(counter % #sessions) + 1],
  }
  if token ~= nil and token ~= "" then headers["Authorization"] = "Bearer " .. token end
  local args = arguments or ('{"text":"hello ' .. counter .. '"}')
  local body = '{"jsonrpc":"2.0","id":' .. counter .. ',"method":"tools/call","params":{"name":"' .. tool
      .. '","arguments":' .. args .. '}}'
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"isError":false', 1, true) then bad = bad + 1 end
end

function done(summary, latency, requests)
  -- per-thread counters are not visible here; failures show as non-2xx or are checked via the audit count
  io.write(string.format("requests=%d errors_connect=%d errors_read=%d errors_status=%d timeouts=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.status, summary.errors.timeout))
  for _, p in pairs({50, 99}) do
    io.write(string.format("p%d_ms=%.3f\n", p, latency:percentile(p) / 1000.0))
  end
end
