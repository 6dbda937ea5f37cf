#!/usr/bin/env bash
# Scenario 1: kill -9 of the service in the middle of an SMS fan-out, restart, five times at
# random points. Pass: every resident has exactly one message at the sandbox (0 skipped,
# 0 duplicates). Usage: [N=20000] [KILLS=5] [KILL_MIN=5] [KILL_SPREAD=40] bench/resilience/kill-fanout.sh
# (each kill comes KILL_MIN to KILL_MIN+KILL_SPREAD-1 seconds after the previous start).
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
N="${N:-20000}"; KILLS="${KILLS:-5}"; SEED="${SEED:-$RANDOM}"; KILL_MIN="${KILL_MIN:-5}"; KILL_SPREAD="${KILL_SPREAD:-40}"
DB="${RESILIENCE_DB:-tocsin_resilience}_kill"
PREFIX=+86139
RANDOM=$SEED
log "scenario kill-fanout: N=$N kills=$KILLS seed=$SEED db=$DB"
fresh_db "$DB"
rm -rf "$WORK/run"; mkdir -p "$WORK/run"
start_sandbox "$WORK/run/sandbox" -Dtocsin.sandbox.callbacks=false
start_service svc "$DB" "$SVC_PORT"
wait_ready "$SVC_PORT" 300 || die "service not ready"
seed "$SVC_PORT" RK1 "$N" "$PREFIX"
approver "$SVC_PORT"
started=$(date +%s)
id=$(broadcast "$SVC_PORT" RK1 "寒潮预警(演练):明日最低气温-5℃,请注意防寒。" '{"kind":"NOW"}')
log "broadcast $id approved"

progress() { sandbox_stats "$PREFIX" | json 'd["total"]'; }
for k in $(seq 1 "$KILLS"); do
  wait_s=$(( KILL_MIN + RANDOM % KILL_SPREAD ))
  sleep "$wait_s"
  at=$(progress)
  kill -9 "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
  log "kill $k: after ${wait_s}s, sandbox had $at/$N"
  start_service svc "$DB" "$SVC_PORT"
  wait_ready "$SVC_PORT" 300 || die "service not ready after kill $k"
done

log "waiting for the fan-out to finish"
await_fanout "$DB" "$PREFIX" "$N"
verify kill-fanout "$DB" "$PREFIX" "$N" $(( $(date +%s) - started )) "kills=$KILLS seed=$SEED"
