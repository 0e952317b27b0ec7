#!/usr/bin/env bash
# Runs the order-flow benchmark from the built classpath; builds nothing.
# Build once first: mvn -B verify (or mvn -B -q package -DskipTests), which also writes
# bench/target/orderflow.classpath. Flags: bench/orderflow.sh --help, or see bench/ORDERFLOW.md.
# ORDERFLOW_JAVA_OPTS sets the benchmark JVM's own flags (default: C1 only, so its JIT takes little of the
# CPU it shares with the platform); --jvm-opts= sets the platform's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classes="$root/bench/target/classes"
classpath_file="$root/bench/target/orderflow.classpath"
if [[ ! -f "$classpath_file" || ! -f "$classes/org/orderplatform/bench/OrderFlowBenchmark.class" ]]; then
  echo "orderflow.sh: not built yet; run: (cd $root && mvn -B -q package -DskipTests)" >&2
  exit 2
fi
cd "$root"
# shellcheck disable=SC2086 # ORDERFLOW_JAVA_OPTS is a list of flags
exec java ${ORDERFLOW_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1} -Dlogback.configurationFile=bench-logback.xml \
  -cp "$classes:$(cat "$classpath_file")" org.orderplatform.bench.OrderFlowBenchmark "$@"
