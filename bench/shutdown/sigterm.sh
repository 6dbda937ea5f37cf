#!/usr/bin/env bash
# A clean shutdown logs no ERROR: starts the packaged jar (embedded H2, as the README runs it) on a
# free port with a fresh data dir, fans a broadcast out to residents (SMS through the built-in
# sandbox, loudspeaker plays), sends SIGTERM while the outbox and the jobs are busy, and fails when
# the log has an ERROR line or the process does not exit within the shutdown timeout.
#
#   bench/shutdown/sigterm.sh [residents]      (default 3000; package first: ./mvnw -B -q package -DskipTests)
#
# Env: SHUTDOWN_PORT (default 18419), SHUTDOWN_DELAY seconds between approval and SIGTERM (default 3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
N="${1:-3000}"
PORT="${SHUTDOWN_PORT:-18419}"
DELAY="${SHUTDOWN_DELAY:-3}"
B="http://127.0.0.1:$PORT"
RUN="$(mktemp -d "${TMPDIR:-/tmp}/tocsin-sigterm.XXXXXX")"
LOG="$RUN/service.log"
ADMIN_PW=shutdown-admin-pw
APPROVER_PW=shutdown-approver-pw


log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }
[ -f "$JAR" ] || die "no packaged jar at $JAR: run ./mvnw -B -q package -DskipTests"

( cd "$RUN" && exec env QUARKUS_HTTP_PORT="$PORT" TOCSIN_DATA_DIR="$RUN/data" TOCSIN_ADMIN_PASSWORD="$ADMIN_PW" \
    TOCSIN_AUDIO_TEMPLATES_DIR="$ROOT/audio-templates" TOCSIN_TWILIO_API_URL="$B" java -Xmx512m -jar "$JAR" > "$LOG" 2>&1 ) &
PID=$!
trap 'kill -9 $PID 2>/dev/null || true' EXIT
for i in $(seq 1 180); do curl -fs -o /dev/null "$B/q/health/ready" && break; sleep 1; done
curl -fs -o /dev/null "$B/q/health/ready" || die "not ready after 180 s (see $LOG)"
log "up on $PORT (pid $PID, log $LOG)"

api() { local m="$1" p="$2"; shift 2; curl -fsS -u "admin:$ADMIN_PW" -X "$m" "$B$p" "$@"; }
api POST /api/areas -H 'Content-Type: application/json' -d '{"code":"SIGTERM1","name":"Shutdown village","kind":"village"}' > /dev/null
python3 - "$RUN/residents.csv" "$N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("name,phone,area,language\n")
    for i in range(n):
        f.write(f"Resident {i},+86136{i:08d},SIGTERM1,en\n")
PY
api POST "/api/residents/import?commit=true" -H 'Content-Type: text/csv' --data-binary "@$RUN/residents.csv" > /dev/null
api POST /api/terminals -H 'Content-Type: application/json' \
    -d '{"code":"SIGTERM-T1","name":"Shutdown horn","area":"SIGTERM1","model":"IP-BOX 2","zone":"Asia/Shanghai","volumePreset":80}' > /dev/null
api POST /api/users -H 'Content-Type: application/json' \
    -d "{\"username\":\"approver1\",\"password\":\"$APPROVER_PW\",\"roles\":[\"approver\"]}" > /dev/null
id=$(api POST /api/broadcasts -H 'Content-Type: application/json' -d '{"text":"Roads are icy tonight. Stay at home if you can.",
    "language":"en","channels":["sms","loudspeaker"],"priority":"urgent","status":"actual",
    "audience":{"areaCodes":["SIGTERM1"]},"schedule":{"kind":"NOW"}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["broadcast"]["id"])')
api POST "/api/broadcasts/$id/submit" > /dev/null
curl -fsS -u "approver1:$APPROVER_PW" -X POST "$B/api/broadcasts/$id/approve" > /dev/null
log "broadcast $id approved for $N residents; SIGTERM in ${DELAY}s"
sleep "$DELAY"
sent=$(curl -fsS -u AC5a4db0c0000000000000000000000000:sandbox-auth-token "$B/sandbox/twilio/messages?size=1" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' || echo "?")
log "sandbox holds $sent messages; sending SIGTERM"
started=$(date +%s)
kill -TERM "$PID"
for i in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 1; done
kill -0 "$PID" 2>/dev/null && die "still running 60 s after SIGTERM (see $LOG)"
trap - EXIT
log "exited after $(( $(date +%s) - started )) s"
if grep -n ' ERROR ' "$LOG" >&2; then
  die "ERROR lines in the log after SIGTERM (above; full log $LOG)"
fi
log "OK: no ERROR lines ($(wc -l < "$LOG") log lines)"
