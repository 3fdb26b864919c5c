#!/usr/bin/env bash
# Process-level performance of one or more operator builds, side by side in one run (bench/README.md, "Process-level
# comparison"). For each build, in the order given: a fresh local control plane in its own process (the same control
# plane command for every build, so only the operator differs), then `<build> run --kubeconfig F` in another process,
# then the driver bench/KeyOperator.ProcessBench measures the operator process from outside: VmRSS/VmHWM idle and
# with KEYS Ready ApiKeys plus SECRETS unrelated Secrets, time to all Ready, API requests per converged ApiKey (the
# operator's own rest_client_requests_total), and, on a second fresh control plane, the rotation lag of
# ROTATION_KEYS keys due in the same minute. Prints one markdown table, one column per build and one ratio column
# per build after the first (that build / the first build).
#
#   hack/perf-process.sh before=/path/a/key-operator.dll after=/path/b/key-operator.dll
#
# Environment (defaults in brackets):
#   KEYS [10000; 0 skips the ready phase] SECRETS [20000] NAMESPACES [10] ROTATION_KEYS [1000; 0 skips the rotation phase]
#   PARALLELISM [16] creates in flight; SETTLE [10] seconds before each memory sample; BUDGET [480] seconds for all Ready
#   CONTROL_PLANE [dotnet <first build's dll> dev --control-plane-only]: command of the control plane; the script
#     appends `--kubeconfig F` and waits for F to appear. Words are split on spaces (no quoting inside).
#   OPERATOR_ARGS [empty]: extra arguments for every `run`, after --kubeconfig, --metrics-port and --webhook-port.
#   DRIVER [built from bench/KeyOperator.ProcessBench, Release, into KEYOP_ARTIFACTS]: the driver's dll.
#   OUT [a fresh /tmp/perf-process.XXXXXX]: logs, per-build results, summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DOTNET=${DOTNET:-dotnet}
KEYS=${KEYS:-10000}
SECRETS=${SECRETS:-20000}
NAMESPACES=${NAMESPACES:-10}
ROTATION_KEYS=${ROTATION_KEYS:-1000}
PARALLELISM=${PARALLELISM:-16}
SETTLE=${SETTLE:-10}
BUDGET=${BUDGET:-480}
OPERATOR_ARGS=${OPERATOR_ARGS:-}

if [ $# -eq 0 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi

labels=()
builds=()
for spec in "$@"; do
  label=${spec%%=*}
  path=${spec#*=}
  if [ "$label" = "$spec" ] || [ -z "$label" ] || [ ! -e "$path" ]; then
    echo "error: expected LABEL=PATH to an existing key-operator.dll or executable, got '$spec'" >&2
    exit 2
  fi
  labels+=("$label")
  builds+=("$(realpath "$path")")
done

# The command that starts a build: `dotnet X.dll` for a dll, the file itself for an executable.
command_of() {
  case "$1" in
    *.dll) echo "$DOTNET $1" ;;
    *) echo "$1" ;;
  esac
}

CONTROL_PLANE=${CONTROL_PLANE:-"$(command_of "${builds[0]}") dev --control-plane-only"}
OUT=${OUT:-$(mktemp -d /tmp/perf-process.XXXXXX)}
mkdir -p "$OUT"

if [ -z "${DRIVER:-}" ]; then
  echo "building the driver (bench/KeyOperator.ProcessBench, Release)"
  "$DOTNET" build bench/KeyOperator.ProcessBench -c Release -nologo -v q -o "$OUT/driver" >"$OUT/driver-build.log" 2>&1 \
    || { cat "$OUT/driver-build.log" >&2; exit 1; }
  DRIVER="$OUT/driver/KeyOperator.ProcessBench.dll"
fi

# Every process this script starts leads its own process group (setsid), so stopping it stops whatever it started.
control_plane_pid=""
operator_pid=""
stop() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$operator_pid"
  stop "$control_plane_pid"
  operator_pid=""
  control_plane_pid=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# run_phase LABEL BUILD PHASE [driver options...]: fresh control plane + operator, then the driver's PHASE scenario.
run_phase() {
  local label=$1 build=$2 phase=$3
  shift 3
  local dir="$OUT/$label-$phase" result="$OUT/$label.results"
  mkdir -p "$dir"
  echo "loadavg_${phase}_start $(cut -d' ' -f1 /proc/loadavg)" >>"$result"

  local -a control_plane_command operator_command
  read -r -a control_plane_command <<<"$CONTROL_PLANE"
  setsid "${control_plane_command[@]}" --kubeconfig "$dir/kubeconfig" >"$dir/control-plane.log" 2>&1 &
  control_plane_pid=$!
  for _ in $(seq 1 240); do
    [ -s "$dir/kubeconfig" ] && break
    kill -0 "$control_plane_pid" 2>/dev/null || { cat "$dir/control-plane.log" >&2; echo "error: the control plane exited" >&2; return 1; }
    sleep 0.5
  done
  "$DOTNET" "$DRIVER" cluster --kubeconfig "$dir/kubeconfig" | tee -a "$dir/driver.log"

  local metrics_port webhook_port
  metrics_port=$(free_port)
  webhook_port=$(free_port)
  read -r -a operator_command <<<"$(command_of "$build")"
  # shellcheck disable=SC2086 # OPERATOR_ARGS is a list of words
  setsid "${operator_command[@]}" run --kubeconfig "$dir/kubeconfig" --metrics-port "$metrics_port" --webhook-port "$webhook_port" $OPERATOR_ARGS \
    >"$dir/operator.log" 2>&1 &
  operator_pid=$!
  echo "[$label/$phase] control plane pid $control_plane_pid, operator pid $operator_pid ($build), metrics on $metrics_port"

  local status=0
  "$DOTNET" "$DRIVER" "$phase" --kubeconfig "$dir/kubeconfig" --pid "$operator_pid" --metrics-url "http://127.0.0.1:$metrics_port/metrics" \
    --result "$result" --parallelism "$PARALLELISM" --settle-seconds "$SETTLE" --budget-seconds "$BUDGET" "$@" 2>&1 | tee -a "$dir/driver.log" \
    || status=$?
  echo "loadavg_${phase}_end $(cut -d' ' -f1 /proc/loadavg)" >>"$result"
  cleanup
  [ "$status" -eq 0 ] || echo "warning: [$label/$phase] the driver exited with $status (see $dir/)" >&2
}

{
  echo "date $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "control plane: $CONTROL_PLANE"
  for i in "${!labels[@]}"; do echo "${labels[$i]}: ${builds[$i]}"; done
  echo "KEYS=$KEYS SECRETS=$SECRETS NAMESPACES=$NAMESPACES ROTATION_KEYS=$ROTATION_KEYS PARALLELISM=$PARALLELISM SETTLE=$SETTLE OPERATOR_ARGS=$OPERATOR_ARGS"
} | tee "$OUT/conditions.txt"

for i in "${!labels[@]}"; do
  : >"$OUT/${labels[$i]}.results"
  if [ "$KEYS" -gt 0 ]; then
    run_phase "${labels[$i]}" "${builds[$i]}" ready --keys "$KEYS" --secrets "$SECRETS" --namespaces "$NAMESPACES"
  fi
  if [ "$ROTATION_KEYS" -gt 0 ]; then
    run_phase "${labels[$i]}" "${builds[$i]}" rotation --keys "$ROTATION_KEYS"
  fi
done

# One row per figure, one column per build, then <build>/<first build> for every later build.
figures="idle_rss_mib|RSS idle, caches synced (MiB)
secrets_rss_mib|RSS after the unrelated Secrets (MiB)
loaded_rss_mib|RSS with the Ready ApiKeys and the Secrets (MiB)
loaded_hwm_mib|peak RSS, VmHWM (MiB)
secrets_create_s|unrelated Secrets created (s)
requests_during_secrets|operator requests meanwhile
keys_create_s|ApiKeys created (s)
ready_s|first create to all Ready (s)
ready_count|ApiKeys Ready
operator_cpu_s|operator CPU, create to all Ready (s)
gets_per_key|GETs per converged ApiKey
writes_per_key|writes per converged ApiKey
posts_per_key|  POST
puts_per_key|  PUT
patches_per_key|  PATCH
deletes_per_key|  DELETE
non_2xx_per_key|non-2xx answers per ApiKey
rotation_measured|keys rotated and measured
rotation_status_p50_s|rotation lag p50, status (s)
rotation_status_p90_s|rotation lag p90, status (s)
rotation_status_p99_s|rotation lag p99, status (s)
rotation_status_max_s|rotation lag max, status (s)
rotation_seen_p50_s|rotation lag p50, poller (s)
rotation_seen_p90_s|rotation lag p90, poller (s)
rotation_seen_p99_s|rotation lag p99, poller (s)
rotation_seen_max_s|rotation lag max, poller (s)
loadavg_ready_start|load average (1 min) at start
loadavg_ready_end|load average at the end of ready
loadavg_rotation_start|load average at the start of rotation
loadavg_rotation_end|load average at the end of rotation"

{
  echo
  header="| figure |"
  rule="| --- |"
  for label in "${labels[@]}"; do header="$header $label |"; rule="$rule ---: |"; done
  for label in "${labels[@]:1}"; do header="$header $label/${labels[0]} |"; rule="$rule ---: |"; done
  echo "$header"
  echo "$rule"
  while IFS='|' read -r key description; do
    row="| $description |"
    values=()
    for label in "${labels[@]}"; do
      value=$(awk -v k="$key" '$1 == k { v = $2 } END { print (v == "" ? "–" : v) }' "$OUT/$label.results")
      values+=("$value")
      row="$row $value |"
    done
    for value in "${values[@]:1}"; do
      row="$row $(awk -v a="$value" -v b="${values[0]}" 'BEGIN { if (a + 0 == a && b + 0 == b && b != 0) printf "%.2f", a / b; else print "–" }') |"
    done
    echo "$row"
  done <<<"$figures"
} | tee "$OUT/summary.md"
echo
echo "logs and results: $OUT (summary.md, conditions.txt, <label>.results, <label>-<phase>/)"
