#!/usr/bin/env bash
# Runs the tests that can target any cluster (trait Cluster=Any) against the cluster named by KEYOP_TEST_KUBECONFIG.
# Without it, the cluster is a local control plane in a separate process (`key-operator-local --control-plane-only`), so
# the code path a real cluster takes (someone else's API server, reached only through a kubeconfig) runs on every
# `make test`. Expects the solution to be built.
set -euo pipefail
cd "$(dirname "$0")/.."
DOTNET=${DOTNET:-dotnet}
CONFIGURATION=${CONFIGURATION:-Debug}

if [ -z "${KEYOP_TEST_KUBECONFIG:-}" ]; then
  dir=$(mktemp -d)
  "$DOTNET" run --project src/KeyOperator.LocalCluster --no-build -c "$CONFIGURATION" -- --control-plane-only --kubeconfig "$dir/kubeconfig" >"$dir/dev.log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
  for _ in $(seq 1 120); do
    grep -q "CRDs are installed" "$dir/dev.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/dev.log" >&2; echo "error: the local control plane did not start" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "CRDs are installed" "$dir/dev.log" || { cat "$dir/dev.log" >&2; echo "error: the local control plane did not start in 60 s" >&2; exit 1; }
  export KEYOP_TEST_KUBECONFIG="$dir/kubeconfig"
  echo "KEYOP_TEST_KUBECONFIG=$KEYOP_TEST_KUBECONFIG (a local control plane in process $pid)"
fi

status=0
for project in tests/KeyOperator.Runtime.IntegrationTests tests/KeyOperator.Tests; do
  "$DOTNET" test "$project" --no-build -c "$CONFIGURATION" --filter "Cluster=Any" || status=1
done
exit "$status"
