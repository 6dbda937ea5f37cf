# Shared functions for the resilience scenarios (sourced, not run). Processes are started from
# packaged builds: an embedded (H2) build for the standalone Twilio sandbox and a MariaDB build
# for the service, both made by build.sh in a copy of the working tree under $WORK.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${RESILIENCE_WORK:-$ROOT/target/resilience}"
DB_HOST="${RESILIENCE_DB_HOST:-127.0.0.1}"
DB_PORT="${RESILIENCE_DB_PORT:-3306}"
DB_USER="${RESILIENCE_DB_USER:-root}"
SANDBOX_PORT="${RESILIENCE_SANDBOX_PORT:-18089}"
SVC_PORT="${RESILIENCE_PORT:-18080}"
SID=AC5a4db0c0000000000000000000000000
TOKEN=sandbox-auth-token
ADMIN_PASSWORD=resilience-admin-pw
APPROVER_PASSWORD=resilience-approver-pw
RUN="${RUN:-$WORK/run}"            # per-scenario run directory (logs, data)
PIDS_FILE="$RUN.pids"
mkdir -p "$WORK"
source "$ROOT/bench/lib/tools.sh"
need_tools curl python3 mariadb
command -v java >/dev/null 2>&1 || { echo "FAIL: missing tool 'java' (JDK 17, see README)" >&2; exit 2; }

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

sql() { mariadb -u"$DB_USER" -h"$DB_HOST" -P"$DB_PORT" -N -B "$@"; }

fresh_db() {  # fresh_db NAME
  sql -e "DROP DATABASE IF EXISTS \`$1\`; CREATE DATABASE \`$1\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
}

remember_pid() { echo "$1" >> "$PIDS_FILE"; }

# Stops every process this run started (by pid), never anything else.
cleanup() {
  [ -f "$PIDS_FILE" ] || return 0
  while read -r p; do kill -9 "$p" 2>/dev/null || true; done < "$PIDS_FILE"
  rm -f "$PIDS_FILE"
}

# start_sandbox DATADIR [extra -D options...]: the standalone sandbox (outbox off, counts survive).
need_builds() {
  local kind
  for kind in h2 mariadb; do
    [ -f "$WORK/$kind/target/quarkus-app/quarkus-run.jar" ] || die "no $kind build under $WORK: run bench/resilience/build.sh first"
  done
}

start_sandbox() {
  local dir="$1"; shift
  need_builds
  mkdir -p "$dir"
  ( cd "$dir" && TOCSIN_DATA_DIR="$dir/data" TOCSIN_SANDBOX_PORT="$SANDBOX_PORT" \
      TOCSIN_AUDIO_TEMPLATES_DIR="$ROOT/audio-templates" TOCSIN_COMPOSE_DIALECTS_DIR="$ROOT/audio-templates/dialects" \
      exec java -Xmx512m -Dquarkus.profile=sandbox "$@" -jar "$WORK/h2/target/quarkus-app/quarkus-run.jar" \
      >> "$dir/sandbox.log" 2>&1 ) &
  SANDBOX_PID=$!
  remember_pid "$SANDBOX_PID"
  wait_http "http://127.0.0.1:$SANDBOX_PORT/q/health/ready" 180 || die "sandbox did not start (see $dir/sandbox.log)"
  log "sandbox up on $SANDBOX_PORT (pid $SANDBOX_PID)"
}

# start_service NAME DB PORT [env assignments...]: one service instance on MariaDB; sets LAST_PID.
start_service() {
  local name="$1" db="$2" port="$3"; shift 3
  local dir="$RUN/$name"
  mkdir -p "$dir"
  ( cd "$dir" && exec env TOCSIN_DB_URL="jdbc:mariadb://$DB_HOST:$DB_PORT/$db" TOCSIN_DB_USER="$DB_USER" TOCSIN_DB_PASSWORD="" \
      TOCSIN_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT="$port" TOCSIN_AUDIO_TEMPLATES_DIR="$ROOT/audio-templates" \
      TOCSIN_COMPOSE_DIALECTS_DIR="$ROOT/audio-templates/dialects" TOCSIN_PUBLIC_URL="http://127.0.0.1:$port" \
      TOCSIN_ADMIN_PASSWORD="$ADMIN_PASSWORD" TOCSIN_SMS_SANDBOX=false TOCSIN_TWILIO_API_URL="http://127.0.0.1:$SANDBOX_PORT" TOCSIN_SMS_TWILIO_API_URL="http://127.0.0.1:$SANDBOX_PORT" \
      TWILIO_ACCOUNT_SID="$SID" TWILIO_AUTH_TOKEN="$TOKEN" TWILIO_FROM_NUMBER=+15005550006 \
      TOCSIN_SMS_THROTTLE_ENABLED=false TOCSIN_SCHEDULE_SMS_QUIET_START=00:00 TOCSIN_SCHEDULE_SMS_QUIET_END=00:00 \
      TOCSIN_SMS_HTTP_CONNECT_TIMEOUT=2s TOCSIN_SMS_HTTP_READ_TIMEOUT=5s TOCSIN_SMS_OUTBOX_LEASE="${LEASE:-30s}" \
      TOCSIN_SMS_OUTBOX_RECONCILE_DELAY="${RECONCILE_DELAY:-5s}" TOCSIN_SMS_RETRY_INITIAL_BACKOFF=500ms TOCSIN_SMS_RETRY_MAX_BACKOFF=5s \
      TOCSIN_BROADCAST_LEASE=30s "$@" \
      java -Xmx512m -jar "$WORK/mariadb/target/quarkus-app/quarkus-run.jar" >> "$dir/service.log" 2>&1 ) &
  LAST_PID=$!
  remember_pid "$LAST_PID"
}

wait_http() {  # wait_http URL SECONDS
  local i
  for i in $(seq 1 "$2"); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 1
  done
  return 1
}

wait_ready() {  # wait_ready PORT SECONDS
  wait_http "http://127.0.0.1:$1/q/health/ready" "$2"
}

api() {  # api PORT METHOD PATH [curl args...] -- as admin
  local port="$1" method="$2" path="$3"; shift 3
  curl -fsS -u "admin:$ADMIN_PASSWORD" -X "$method" "http://127.0.0.1:$port$path" "$@"
}

sandbox_stats() {  # sandbox_stats PREFIX -> JSON
  curl -fsS -u "$SID:$TOKEN" -G --data-urlencode "to-prefix=$1" "http://127.0.0.1:$SANDBOX_PORT/sandbox/twilio/stats"
}

json() {  # json EXPR < JSON  (python3 expression over d)
  python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"
}

# Kills keyed to progress, not to seconds (docs/RESILIENCE.md).
# kill_points "5,20,40,60,80" JITTER SEED -> one share (percent of the fan-out, 1 decimal) per line:
# each base share moved by a seeded uniform draw in [-JITTER, +JITTER], kept in 1..95 and increasing.
kill_points() {
  python3 - "$1" "$2" "$3" <<'PY2'
import random, sys
bases = [float(x) for x in sys.argv[1].split(",") if x.strip()]
jitter, rnd = float(sys.argv[2]), random.Random(int(sys.argv[3]))
last = 0.0
for b in bases:
    p = min(95.0, max(1.0, b + rnd.uniform(-jitter, jitter)))
    p = max(p, last + 0.5)
    print("%.1f" % p)
    last = p
PY2
}

# sandbox_total PREFIX: messages at the sandbox for PREFIX (cheap enough to poll several times a second).
sandbox_total() { sandbox_stats "$1" | grep -o '"total":[0-9]*' | cut -d: -f2; }

# await_share PREFIX N SHARE: waits until the sandbox holds ceil(SHARE% of N) messages for PREFIX;
# prints the count seen. Dies when the count stops moving for STALL_LIMIT s (default 180).
await_share() {
  local prefix="$1" n="$2" share="$3" target seen last=-1 still_since
  target=$(python3 -c "import math,sys; print(math.ceil(float(sys.argv[1]) * int(sys.argv[2]) / 100))" "$share" "$n")
  still_since=$(date +%s)
  while :; do
    seen=$(sandbox_total "$prefix" || echo 0); seen=${seen:-0}
    [ "$seen" -ge "$target" ] && { echo "$seen"; return 0; }
    if [ "$seen" != "$last" ]; then last="$seen"; still_since=$(date +%s); fi
    [ $(( $(date +%s) - still_since )) -ge "${STALL_LIMIT:-180}" ] && die "fan-out stalled at $seen/$n waiting for $share% ($target)"
    sleep 0.25
  done
}

# pct COUNT N -> COUNT as a percentage of N, 1 decimal
pct() { python3 -c "import sys; print('%.1f' % (100.0 * int(sys.argv[1]) / int(sys.argv[2])))" "$1" "$2"; }

# leases DB PREFIX -> "instance=rows/claims ..." for rows in SENDING (leased) under PREFIX, or "none".
# A lease owner is <instance>/w<worker>.<claim>: rows are summed per instance, claims counted.
leases() {
  local out
  out=$(sql "$1" -e "SELECT CONCAT(COALESCE(SUBSTRING_INDEX(lease_owner,'/',1),'-'),'=',COUNT(*),'/',COUNT(DISTINCT lease_owner),' claims') FROM sms_delivery WHERE state='SENDING' AND phone LIKE '$2%' GROUP BY SUBSTRING_INDEX(lease_owner,'/',1) ORDER BY 1" | tr '\n' ' ')
  echo "${out:-none}"
}

# attempts DB PREFIX -> attempt outcomes with their HTTP status, e.g. "accepted/201=19000 uncertain/500=1900 uncertain/-=400"
attempts() {
  sql "$1" -e "SELECT CONCAT(a.outcome,'/',COALESCE(a.http_status,'-'),'=',COUNT(*)) FROM sms_attempt a JOIN sms_delivery d ON d.id=a.delivery_id
      WHERE d.phone LIKE '$2%' GROUP BY a.outcome, a.http_status ORDER BY a.outcome, a.http_status" | tr '\n' ' '
}

# seed PORT AREA COUNT PREFIX: an area and COUNT residents numbered PREFIX + 8 digits, via the import API.
seed() {
  local port="$1" area="$2" count="$3" prefix="$4"
  local csv="$WORK/residents-$count.csv"
  api "$port" POST /api/areas -H 'Content-Type: application/json' \
      -d "{\"code\":\"$area\",\"name\":\"Resilience $area\",\"kind\":\"village\"}" > /dev/null
  python3 - "$csv" "$count" "$prefix" "$area" <<'PY'
import sys
path, n, prefix, area = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
digits = 13 - len(prefix) + 1  # +86 and 11 national digits
with open(path, "w") as f:
    f.write("name,phone,area,language\n")
    for i in range(n):
        f.write(f"Resident {i},{prefix}{i:0{digits}d},{area},zh-CN\n")
PY
  api "$port" POST "/api/residents/import?commit=true" -H 'Content-Type: text/csv' --data-binary "@$csv" \
      | json '"imported: inserted=%s rejected=%s" % (d["inserted"], d["rejected"])' >&2
}

# approver PORT: a second staff account for the two-person rule.
approver() {
  api "$1" POST /api/users -H 'Content-Type: application/json' \
      -d "{\"username\":\"approver1\",\"password\":\"$APPROVER_PASSWORD\",\"roles\":[\"approver\"]}" > /dev/null
}

# broadcast PORT AREA TEXT SCHEDULE_JSON -> broadcast id (created, submitted, approved).
broadcast() {
  local port="$1" area="$2" text="$3" schedule="$4" id
  id=$(api "$port" POST /api/broadcasts -H 'Content-Type: application/json' -d "{\"text\":\"$text\",\"language\":\"zh-CN\",
      \"channels\":[\"sms\"],\"priority\":\"urgent\",\"status\":\"actual\",\"audience\":{\"areaCodes\":[\"$area\"]},
      \"schedule\":$schedule}" | json 'd["broadcast"]["id"]')
  api "$port" POST "/api/broadcasts/$id/submit" > /dev/null
  curl -fsS -u "approver1:$APPROVER_PASSWORD" -X POST "http://127.0.0.1:$port/api/broadcasts/$id/approve" > /dev/null
  echo "$id"
}

# await_fanout DB PREFIX N: until nothing for PREFIX is queued/sending, no due occurrence is unfired and the
# sandbox has N for PREFIX, or no progress for 300 s. (Later occurrences of a recurring schedule do not count.)
await_fanout() {
  local db="$1" prefix="$2" n="$3" last=-1 still=0 pending total occ
  while :; do
    pending=$(sql "$db" -e "SELECT COUNT(*) FROM sms_delivery WHERE state IN ('QUEUED','SENDING') AND phone LIKE '$prefix%'")
    total=$(sandbox_stats "$prefix" | json 'd["total"]')
    occ=$(sql "$db" -e "SELECT COUNT(*) FROM broadcast_occurrence WHERE state IN ('PLANNED','FIRING') AND due_at <= NOW()")
    if [ "$total" = "$last" ]; then still=$((still + 10)); else still=0; fi
    last="$total"
    log "sandbox $total/$n, deliveries queued/sending $pending, occurrences not fired $occ"
    [ "$pending" = 0 ] && [ "$occ" = 0 ] && [ "$total" -ge "$n" ] && return 0
    [ "$still" -ge "${STALL_LIMIT:-300}" ] && { log "no progress for ${STALL_LIMIT:-300} s"; return 0; }
    sleep 10
  done
}

# verify NAME DB PREFIX N ELAPSED [extra]: counts for the numbers under PREFIX, then PASS/FAIL (exit 1 on FAIL).
verify() {
  local name="$1" db="$2" prefix="$3" n="$4" elapsed="$5" extra="${6:-}" stats total distinct dups states rows
  stats=$(sandbox_stats "$prefix")
  total=$(echo "$stats" | json 'd["total"]')
  distinct=$(echo "$stats" | json 'd["distinctRecipients"]')
  dups=$(echo "$stats" | json 'len(d["duplicates"])')
  states=$(sql "$db" -e "SELECT CONCAT(state,'=',COUNT(*)) FROM sms_delivery WHERE phone LIKE '$prefix%' GROUP BY state ORDER BY state" | tr '\n' ' ')
  rows=$(sql "$db" -e "SELECT COUNT(*) FROM sms_delivery WHERE phone LIKE '$prefix%'")
  echo "RESULT $name: residents=$n elapsed=${elapsed}s deliveries=$rows [${states% }] sandbox total=$total distinct=$distinct skipped=$((n - distinct)) duplicates=$dups $extra"
  if [ "$rows" = "$n" ] && [ "$total" = "$n" ] && [ "$distinct" = "$n" ] && [ "$dups" = 0 ]; then
    echo "PASS $name"
  else
    echo "FAIL $name"; return 1
  fi
}
