#!/usr/bin/env bash
# Runs a measurement main that lives in a module's test sources (evaluations, latency and throughput probes).
# Usage: scripts/run-test-main.sh <module> <fully.qualified.Main> [args...]
# Example: scripts/run-test-main.sh bulwark-injection dev.bulwark.injection.InjectionLatency
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,4p' "$0"; exit 2; }
module=$1; main=$2; shift 2
. scripts/find-jdk.sh; JAVA_HOME="$(find_jdk)"; export JAVA_HOME
./mvnw -q -B -DskipTests -pl "$module" -am install >/dev/null
./mvnw -q -B -pl "$module" test-compile dependency:build-classpath -Dmdep.outputFile=target/test-main.classpath >/dev/null
cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-main.classpath")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" "$main" "$@"
