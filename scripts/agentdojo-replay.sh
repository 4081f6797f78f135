#!/usr/bin/env bash
# Replays recorded agent runs (AgentDojo format: tools.json, injection_tasks.json, traces/<suite>.jsonl[.gz]) through
# the real gateway, one MCP session per run, and prints per suite: attacks stopped, benign runs kept with no call
# denied, benign runs with a call held for approval. One Bulwark configuration file per suite: <config-dir>/<suite>.yaml.
# Usage: scripts/agentdojo-replay.sh <data-dir> [config-dir] [every]
#   config-dir defaults to the configurations written for the AgentDojo tools (bulwark-bench resources);
#   every = N replays runs 1, N+1, 2N+1, … of each trace file (a deterministic subset; default 1 = all).
#   BULWARK_SKIP_BUILD=1 reuses bulwark-bench/target/benchmarks.jar.
set -euo pipefail
data=$(realpath "${1:?usage: $0 <data-dir> [config-dir] [every]}")
cd "$(dirname "$0")/.."
config=$(realpath "${2:-bulwark-bench/src/main/resources/replay/agentdojo}")
every=${3:-1}
. scripts/find-jdk.sh; JAVA_HOME="$(find_jdk)"; export JAVA_HOME
jar=bulwark-bench/target/benchmarks.jar
if [ "${BULWARK_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  ./mvnw -q -o -pl bulwark-bench -am package -DskipTests
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar" dev.bulwark.bench.replay.AgentDojoReplay \
  "$data" "$config" "$every"
