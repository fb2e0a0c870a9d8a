#!/usr/bin/env bash
# A local Prefect stack for prakerja-etl: a Prefect server on 127.0.0.1 and the process
# serving the `prakerja-ingest/daily` deployment (flows/serve.py).
#
#   bash scripts/stack.sh start    # server + serve process; registers the deployment
#   bash scripts/stack.sh status   # what runs, and the commands to use it
#   bash scripts/stack.sh stop     # SIGTERM, SIGTERM again, then SIGKILL, by recorded PID
#
# Environment (all optional):
#   PRAKERJA_PREFECT_PORT     server port (default 4200)
#   PRAKERJA_PREFECT_HOME     PREFECT_HOME of the stack (default <repo>/.prefect, git-ignored)
#   PRAKERJA_STACK_TIMEOUT    seconds to wait for the server / the deployment (default 180)
#   PRAKERJA_RAW_DIR, PRAKERJA_WAREHOUSE, PRAKERJA_CRON, PRAKERJA_CRON_TZ: see flows/serve.py
# Logs and the PID file live in $PRAKERJA_PREFECT_HOME/stack/.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PRAKERJA_PREFECT_PORT:-4200}"
HOME_DIR="${PRAKERJA_PREFECT_HOME:-$REPO/.prefect}"
TIMEOUT="${PRAKERJA_STACK_TIMEOUT:-180}"
STOP_WAIT=10                       # seconds after each SIGTERM before the next signal
VENV="$REPO/.venv"
URL="http://127.0.0.1:$PORT"
DEPLOYMENT="prakerja-ingest/daily"

mkdir -p "$HOME_DIR"
HOME_DIR="$(cd "$HOME_DIR" && pwd)"
STATE="$HOME_DIR/stack"
PIDFILE="$STATE/pids"

# The settings `stop`/`status` need again, when they are not the defaults.
STACK_ENV=""
[[ -n "${PRAKERJA_PREFECT_PORT:-}" ]] && STACK_ENV+="PRAKERJA_PREFECT_PORT=$PORT "
[[ -n "${PRAKERJA_PREFECT_HOME:-}" ]] && STACK_ENV+="PRAKERJA_PREFECT_HOME=$HOME_DIR "

# Everything started here talks to this server and keeps its state in this PREFECT_HOME,
# never in the developer's ~/.prefect or their active profile.
export PREFECT_HOME="$HOME_DIR"
export PREFECT_API_URL="$URL/api"
export PREFECT_SERVER_ANALYTICS_ENABLED=false
export PREFECT_SERVER_API_HOST=127.0.0.1
export PREFECT_SERVER_API_PORT="$PORT"
export PREFECT_UI_API_URL="$URL/api"
export PREFECT_RUNNER_POLL_FREQUENCY="${PREFECT_RUNNER_POLL_FREQUENCY:-5}"
export PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="${PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS:-10}"
unset PREFECT_PROFILE PREFECT_API_KEY

say() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }
# Alive and started from this checkout (guards against a recycled PID in a stale PID file).
ours() { alive "$1" && ps -o args= -p "$1" 2>/dev/null | grep -qF "$REPO/"; }

# The "name pid" lines of the PID file.
recorded() {
    [[ -f "$PIDFILE" ]] || return 0
    local name pid
    while read -r name pid; do
        if [[ -n "${pid:-}" ]]; then printf '%s %s\n' "$name" "$pid"; fi
    done <"$PIDFILE"
}

healthy() { "$VENV/bin/python" - "$URL/api/health" <<'PY' 2>/dev/null
import sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
PY
}

# Prints "<updated> <paused>" of the deployment, or "none".
deployment_state() { "$VENV/bin/python" - "$URL/api/deployments/name/$DEPLOYMENT" <<'PY' 2>/dev/null
import json, sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
        d = json.load(r)
    print(d["updated"], d["paused"])
except Exception:
    print("none")
PY
}

# Start a long-running command detached in its own session (its PID is its process group id),
# record its PID at once so `stop` can clean up even a half-finished start.
launch() {
    local name="$1" log="$2"; shift 2
    if command -v setsid >/dev/null; then
        (cd "$REPO" && exec setsid "$@" </dev/null >>"$log" 2>&1) &
    else
        (cd "$REPO" && exec "$@" </dev/null >>"$log" 2>&1) &
    fi
    local pid=$!
    printf '%s %s\n' "$name" "$pid" >>"$PIDFILE"
    LAUNCHED_PID=$pid
}

wait_for() {   # wait_for <what> <pid> <log> <command…>: until the command succeeds
    local what="$1" pid="$2" log="$3"; shift 3
    local deadline=$((SECONDS + TIMEOUT))
    until "$@"; do
        if ! alive "$pid"; then
            tail -n 20 "$log" >&2 || true
            stop_all >/dev/null
            die "$what exited during start-up (log: $log)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 20 "$log" >&2 || true
            stop_all >/dev/null
            die "$what not ready after ${TIMEOUT}s (log: $log)"
        fi
        sleep 0.5
    done
}

deployment_registered() {
    local now
    now="$(deployment_state)"
    [[ "$now" != none && "$now" != "$BEFORE" && "$now" == *" False" ]]
}

stop_pid() {   # SIGTERM, wait, SIGTERM again, wait, then SIGKILL the process and its group
    local name="$1" pid="$2" round deadline
    if ours "$pid"; then
        for round in 1 2; do
            kill -TERM "$pid" 2>/dev/null || true
            deadline=$((SECONDS + STOP_WAIT))
            while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
            alive "$pid" || { say "stopped $name (pid $pid)"; break; }
        done
        if alive "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            say "killed $name (pid $pid) after 2 SIGTERMs"
        fi
    fi
    # Children left behind (e.g. a flow run of the serve process) are in its process group,
    # whose id is the recorded PID (see launch): give them a SIGTERM, then a SIGKILL.
    if kill -0 -- "-$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || true
        deadline=$((SECONDS + STOP_WAIT))
        while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
        kill -KILL -- "-$pid" 2>/dev/null && say "killed leftover processes of $name" || true
    fi
}

stop_all() {
    [[ -f "$PIDFILE" ]] || { say "not running (no $PIDFILE)"; return 0; }
    # Serve first, while the server is up, so it can pause its deployment; the server last.
    local lines name pid
    lines="$(recorded | tac)"
    while read -r name pid; do
        if [[ -n "${pid:-}" ]]; then stop_pid "$name" "$pid"; fi
    done <<<"$lines"
    rm -f "$PIDFILE"
    say "stopped; nothing it started is left running"
}

print_usage() {
    cat <<EOF
Prefect UI:    $URL
Trigger a run: PREFECT_HOME=$HOME_DIR PREFECT_API_URL=$URL/api $VENV/bin/prefect deployment run '$DEPLOYMENT' --param raw_dir=${PRAKERJA_RAW_DIR:-$REPO/data/raw} --param warehouse_path=${PRAKERJA_WAREHOUSE:-$REPO/data/warehouse/prakerja.duckdb} --watch
Logs:          $STATE/server.log, $STATE/serve.log
Stop:          ${STACK_ENV}bash $REPO/scripts/stack.sh stop
EOF
}

start() {
    [[ -x "$VENV/bin/prefect" ]] || die "no $VENV/bin/prefect: run 'uv sync --compile-bytecode' in $REPO first"
    mkdir -p "$STATE"
    local running
    running="$(recorded | while read -r n p; do if ours "$p"; then echo "$n"; fi; done)"
    if [[ -n "$running" ]]; then
        say "already running ($(echo $running)); 'bash scripts/stack.sh stop' first"
        status || true
        return 0
    fi
    rm -f "$PIDFILE"
    if healthy; then
        die "something already answers on $URL (another Prefect server?); set PRAKERJA_PREFECT_PORT"
    fi

    local t0=$SECONDS
    say "starting Prefect server on $URL (PREFECT_HOME=$HOME_DIR)"
    launch server "$STATE/server.log" "$VENV/bin/prefect" server start --host 127.0.0.1 --port "$PORT"
    local server_pid=$LAUNCHED_PID
    wait_for "the Prefect server" "$server_pid" "$STATE/server.log" healthy
    say "server healthy after $((SECONDS - t0))s (pid $server_pid)"

    local t1=$SECONDS
    BEFORE="$(deployment_state)"
    launch serve "$STATE/serve.log" "$VENV/bin/python" "$REPO/flows/serve.py"
    local serve_pid=$LAUNCHED_PID
    wait_for "the serve process" "$serve_pid" "$STATE/serve.log" deployment_registered
    say "deployment $DEPLOYMENT registered after $((SECONDS - t1))s (serve pid $serve_pid)"
    say "PIDs in $PIDFILE"
    print_usage
}

status() {
    local any=0 name pid
    while read -r name pid; do
        [[ -n "${pid:-}" ]] || continue
        any=1
        if ours "$pid"; then say "$name: running (pid $pid)"; else say "$name: NOT running (pid $pid)"; fi
    done <<<"$(recorded)"
    if ((any == 0)); then say "not started (no $PIDFILE)"; return 3; fi
    if healthy; then say "server: healthy at $URL"; else say "server: not answering at $URL"; return 1; fi
    local state
    state="$(deployment_state)"
    case "$state" in
        none) say "deployment $DEPLOYMENT: not registered"; return 1 ;;
        *" False") say "deployment $DEPLOYMENT: active" ;;
        *) say "deployment $DEPLOYMENT: paused (the serve process is not running)" ;;
    esac
    print_usage
}

case "${1:-}" in
    start) start ;;
    stop) stop_all ;;
    status) status ;;
    *) echo "usage: bash scripts/stack.sh start|stop|status" >&2; exit 2 ;;
esac
