#!/usr/bin/env bash
# Scenario 3: MariaDB stopped for 30 s during an SMS fan-out. Runs its OWN mariadbd (port 3317,
# datadir under the work dir) so that no shared database server is ever stopped. Pass: readiness
# goes DOWN during the outage and UP after it, and every resident gets exactly one message.
# The database is stopped when the sandbox holds STOP_AT percent of the fan-out (default 20, moved
# by a seeded draw of up to +-JITTER=5 points); the outage must end before the fan-out does.
# Usage: [N=5000] [OUTAGE=30] [STOP_AT=20] [SEED=...] bench/resilience/db-down.sh
export RESILIENCE_DB_PORT="${RESILIENCE_DB_PORT:-3317}"
export RUN="${RESILIENCE_WORK:-$(cd "$(dirname "$0")/../.." && pwd)/target/resilience}/run-db-down"
export RESILIENCE_PORT="${RESILIENCE_PORT:-18380}" RESILIENCE_SANDBOX_PORT="${RESILIENCE_SANDBOX_PORT:-18389}"
source "$(dirname "$0")/lib.sh"
need_tools mariadbd mariadb-install-db
trap cleanup EXIT
N="${N:-5000}"; OUTAGE="${OUTAGE:-30}"
DB="${RESILIENCE_DB:-tocsin_resilience}_dbdown"
PREFIX=+86134
MDB="$WORK/mariadb-$DB_PORT"
SOCK="$MDB.sock"

start_mariadb() {
  ( exec mariadbd --no-defaults --datadir="$MDB" --port="$DB_PORT" --bind-address=127.0.0.1 --socket="$SOCK" \
      --user=root --skip-grant-tables --pid-file="$MDB.pid" --innodb-buffer-pool-size=128M \
      --log-error="$MDB.err" ) &
  MDB_PID=$!
  remember_pid "$MDB_PID"
  for i in $(seq 1 60); do sql -e 'SELECT 1' > /dev/null 2>&1 && return 0; sleep 1; done
  die "private mariadbd did not start (see $MDB.err)"
}

log "scenario db-down: N=$N outage=${OUTAGE}s private mariadbd on $DB_PORT"
if [ ! -d "$MDB/mysql" ]; then
  rm -rf "$MDB"; mkdir -p "$MDB"
  mariadb-install-db --no-defaults --datadir="$MDB" --user=root --auth-root-authentication-method=normal > "$MDB.install.log" 2>&1 \
    || die "mariadb-install-db failed (see $MDB.install.log)"
fi
start_mariadb
fresh_db "$DB"
rm -rf "$RUN"; mkdir -p "$RUN"
start_sandbox "$RUN/sandbox" -Dtocsin.sandbox.callbacks=false
start_service svc "$DB" "$SVC_PORT"
wait_ready "$SVC_PORT" 300 || die "service not ready"
seed "$SVC_PORT" RD1 "$N" "$PREFIX"
approver "$SVC_PORT"
started=$(date +%s)
id=$(broadcast "$SVC_PORT" RD1 "森林防火(演练):严禁野外用火。" '{"kind":"NOW"}')
log "broadcast $id approved"
SEED="${SEED:-$RANDOM}"; POINT=$(kill_points "${STOP_AT:-20}" "${JITTER:-5}" "$SEED" | head -1)
before=$(await_share "$PREFIX" "$N" "$POINT")
log "stopping mariadbd at $before/$N = $(pct "$before" "$N")% of the fan-out (target $POINT%, seed $SEED); rows leased: $(leases "$DB" "$PREFIX")"
kill -TERM "$MDB_PID"; wait "$MDB_PID" 2>/dev/null || true
down=0; probes=0; t0=$(date +%s)
while [ $(( $(date +%s) - t0 )) -lt "$OUTAGE" ]; do
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$SVC_PORT/q/health/ready" || true)
  probes=$((probes + 1)); [ "$code" = 503 ] && down=$((down + 1))
  sleep 2
done
during=$(sandbox_stats "$PREFIX" | json 'd["total"]')
log "restarting mariadbd; readiness answered 503 in $down of $probes probes; sandbox $during/$N"
start_mariadb
t1=$(date +%s)
wait_ready "$SVC_PORT" 300 || die "service did not become ready again"
ready_after=$(( $(date +%s) - t1 ))
alive=$(kill -0 "$LAST_PID" 2>/dev/null && echo yes || echo no)
await_fanout "$DB" "$PREFIX" "$N"
extra="outage=${OUTAGE}s at $(pct "$before" "$N")% of the fan-out not-ready-probes=$down/$probes ready-again-after=${ready_after}s process-survived=$alive sent-before=$before sent-during=$((during - before))"
echo "RESULT db-down attempts (outcome/http status): $(attempts "$DB" "$PREFIX")"
ok=1
verify "db-down counts" "$DB" "$PREFIX" "$N" $(( $(date +%s) - started )) "$extra" || ok=0
[ "$down" -gt 0 ] && [ "$alive" = yes ] || { echo "FAIL db-down: readiness never reported DOWN or the process died"; ok=0; }
[ "$during" -lt "$N" ] || { echo "FAIL db-down: the fan-out had finished by the end of the outage (not an outage during the fan-out)"; ok=0; }
[ "$ok" = 1 ] || exit 1
echo "PASS db-down (all checks: counts, readiness down and up, outage during the fan-out)"
