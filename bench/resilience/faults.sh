#!/usr/bin/env bash
# Scenario 4: sandbox faults during a fan-out: 10% HTTP 500 (not accepted), 5% 429 with
# Retry-After, 2% accepted-then-timeout. Pass: every resident exactly once at the sandbox and the
# fan-out done within BOUND seconds, and every fault kind was met (printed by kind). Usage: [N=20000] [BOUND=1800] bench/resilience/faults.sh
export RUN="${RESILIENCE_WORK:-$(cd "$(dirname "$0")/../.." && pwd)/target/resilience}/run-faults"
export RESILIENCE_PORT="${RESILIENCE_PORT:-18180}" RESILIENCE_SANDBOX_PORT="${RESILIENCE_SANDBOX_PORT:-18189}"
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
N="${N:-20000}"; BOUND="${BOUND:-1800}"
DB="${RESILIENCE_DB:-tocsin_resilience}_faults"
PREFIX=+86137
log "scenario faults: N=$N bound=${BOUND}s db=$DB"
fresh_db "$DB"
rm -rf "$RUN"; mkdir -p "$RUN"
start_sandbox "$RUN/sandbox" -Dtocsin.sandbox.callbacks=false
curl -fsS -u "$SID:$TOKEN" -X PUT -H 'Content-Type: application/json' "http://127.0.0.1:$SANDBOX_PORT/sandbox/twilio/faults" \
  -d '{"latencyMs":0,"errorRate":0.10,"throttleRate":0.05,"retryAfterSeconds":1,"timeoutRate":0.02,"timeoutHoldMs":7000,
       "seed":11,"numberErrors":{},"callbacks":false,"sentDelayMs":50,"deliveredDelayMs":50}' >&2
echo >&2
start_service svc "$DB" "$SVC_PORT"
wait_ready "$SVC_PORT" 300 || die "service not ready"
seed "$SVC_PORT" RF1 "$N" "$PREFIX"
approver "$SVC_PORT"
started=$(date +%s)
id=$(broadcast "$SVC_PORT" RF1 "暴雨预警(演练):今夜有大到暴雨,请远离河道。" '{"kind":"NOW"}')
log "broadcast $id approved"
await_fanout "$DB" "$PREFIX" "$N"
elapsed=$(( $(date +%s) - started ))
outcomes=$(sql "$DB" -e "SELECT CONCAT(outcome,'=',COUNT(*)) FROM sms_attempt GROUP BY outcome ORDER BY outcome" | tr '\n' ' ')
# Faults by kind, as the service met them (its attempt log): HTTP 500, HTTP 429, and requests the
# sandbox accepted but answered only after the client's read timeout (no HTTP status), of which
# the reconciled ones were found at the sandbox afterwards.
f500=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_attempt WHERE http_status=500")
f429=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_attempt WHERE http_status=429")
ftimeout=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_attempt WHERE outcome='uncertain' AND detail LIKE 'no answer within the read timeout%'")
reconciled=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_attempt WHERE outcome='reconciled'")
echo "RESULT faults injected by kind (seen by the service): http-500=$f500 http-429=$f429 timeout=$ftimeout (accepted-then-timeout found at the sandbox: reconciled=$reconciled); attempts (outcome/http status): $(attempts "$DB" "$PREFIX")"
ok=1
verify "faults counts" "$DB" "$PREFIX" "$N" "$elapsed" "attempts [${outcomes% }] bound=${BOUND}s" || ok=0
[ "$elapsed" -le "$BOUND" ] || { echo "FAIL faults: took ${elapsed}s > ${BOUND}s"; ok=0; }
[ "$f500" -gt 0 ] && [ "$f429" -gt 0 ] && [ "$ftimeout" -gt 0 ] && [ "$reconciled" -gt 0 ] \
  || { echo "FAIL faults: a configured fault kind was never met (500=$f500 429=$f429 timeout=$ftimeout reconciled=$reconciled)"; ok=0; }
[ "$ok" = 1 ] || exit 1
echo "PASS faults (all checks: counts, bound, every fault kind met)"
