#!/usr/bin/env bash
# Throughput of the gateway with 16 concurrent connections, against calling the upstream MCP server directly, in one
# run. wrk (apt-get install wrk) generates the load from its own process; the gateway and upstream run in one JVM.
# Usage: scripts/bench-throughput.sh [seconds=20] [connections=16] [audit sync: normal|full]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; conns=${2:-16}; sync=${3:-normal}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
. scripts/find-jdk.sh; JAVA_HOME="$(find_jdk)"
jar=bulwark-bench/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q -DskipTests install" >&2; exit 1; }
fifo=$(mktemp -u); mkfifo "$fifo"; out=$(mktemp)
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.bulwark.bench.ThroughputTarget "$conns" "$sync" \
  < "$fifo" > "$out" 2>&1 &
pid=$!; exec 3> "$fifo"
trap 'exec 3>&-; wait $pid 2>/dev/null; rm -f "$fifo" "$out"' EXIT
for _ in $(seq 1 120); do grep -q '^READY' "$out" && break; sleep 1; done
line=$(grep '^READY' "$out") || { cat "$out"; exit 1; }
get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
gw=$(get gateway); up=$(get upstream); token=$(get token); admin=$(get admin); base=$(get base)
records() { curl -s -H "Authorization: Bearer $admin" "$base/api/v1/audit/verify" | sed -n 's/.*"records":\([0-9]*\).*/\1/p'; }
lua=scripts/bench/mcp-call.lua
echo "warm-up (10 s each)"; wrk -t2 -c"$conns" -d10s -s "$lua" "$up" -- echo "$(get upstreamSessions)" >/dev/null
wrk -t2 -c"$conns" -d10s -s "$lua" "$gw" -- up.echo "$(get gatewaySessions)" "$token" >/dev/null
echo "== direct: upstream MCP server, $conns connections, ${seconds}s"
wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$lua" "$up" -- echo "$(get upstreamSessions)" | tee /tmp/bulwark-wrk-direct.txt
before=$(records)
echo "== through Bulwark (audit sync $sync), $conns connections, ${seconds}s"
wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$lua" "$gw" -- up.echo "$(get gatewaySessions)" "$token" | tee /tmp/bulwark-wrk-gateway.txt
sleep 1; after=$(records)
echo "audit records appended during the gateway run: $((after - before)) (wrk counted $(sed -n 's/^requests=//p' /tmp/bulwark-wrk-gateway.txt) requests)"
echo "audit chain: $(curl -s -H "Authorization: Bearer $admin" "$base/api/v1/audit/verify")"
