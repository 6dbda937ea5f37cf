#!/usr/bin/env bash
# Scenario 1: kill -9 of the service in the middle of an SMS fan-out, restart, at chosen points
# of the fan-out. Each kill waits until the sandbox holds a given share of the N messages
# (KILL_AT, percent; a seeded draw moves each by up to +-JITTER points), so every kill lands
# during the fan-out; a kill that finds the fan-out already finished FAILS the scenario.
# Pass: every resident has exactly one message at the sandbox (0 skipped, 0 duplicates) and every
# kill interrupted the fan-out. Usage:
#   [N=20000] [KILL_AT=5,20,40,60,80] [JITTER=3] [SEED=...] bench/resilience/kill-fanout.sh
# Prints, next to the verdict, the kill points as shares of the fan-out, the rows the killed
# process held leased at each kill, and the attempt outcomes (what recovery had to do).
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
[ -n "${KILL_MIN:-}${KILL_SPREAD:-}${KILLS:-}" ] && die "KILLS/KILL_MIN/KILL_SPREAD are gone: kills are keyed to progress, give KILL_AT=5,20,40,60,80 (percent of the fan-out)"
N="${N:-20000}"; KILL_AT="${KILL_AT:-5,20,40,60,80}"; JITTER="${JITTER:-3}"; SEED="${SEED:-$RANDOM}"
DB="${RESILIENCE_DB:-tocsin_resilience}_kill"
PREFIX=+86139
mapfile -t POINTS < <(kill_points "$KILL_AT" "$JITTER" "$SEED")
KILLS=${#POINTS[@]}
log "scenario kill-fanout: N=$N kills at ${POINTS[*]} % of the fan-out (base $KILL_AT, jitter +-$JITTER, seed $SEED) db=$DB"
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

kill_lines=(); finished_at_kill=0; shares=()
for k in $(seq 1 "$KILLS"); do
  point="${POINTS[$((k - 1))]}"
  at=$(await_share "$PREFIX" "$N" "$point")
  kill -9 "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
  t_kill=$(date +%s)
  held=$(leases "$DB" "$PREFIX")
  share=$(pct "$at" "$N"); shares+=("$share%")
  line="kill $k: target $point%, at $at/$N = $share% of the fan-out, $(( t_kill - started )) s after approval; rows leased by the killed process: $held"
  kill_lines+=("$line"); log "$line"
  if [ "$at" -ge "$N" ]; then
    finished_at_kill=$((finished_at_kill + 1)); log "kill $k found the fan-out already finished"
  fi
  start_service svc "$DB" "$SVC_PORT"
  wait_ready "$SVC_PORT" 300 || die "service not ready after kill $k"
  log "restarted in $(( $(date +%s) - t_kill )) s"
done

log "waiting for the fan-out to finish"
await_fanout "$DB" "$PREFIX" "$N"
elapsed=$(( $(date +%s) - started ))
for l in "${kill_lines[@]}"; do echo "RESULT $l"; done
echo "RESULT kill-fanout attempts (outcome/http status): $(attempts "$DB" "$PREFIX")"
ok=1
verify "kill-fanout counts" "$DB" "$PREFIX" "$N" "$elapsed" "kills=$KILLS at [${shares[*]}] of the fan-out seed=$SEED" || ok=0
if [ "$finished_at_kill" -gt 0 ]; then
  echo "FAIL kill-fanout: $finished_at_kill of $KILLS kills found the fan-out already finished (not a kill during the fan-out)"; ok=0
fi
[ "$ok" = 1 ] || { echo "FAIL kill-fanout"; exit 1; }
echo "PASS kill-fanout (all checks: counts, $KILLS kills during the fan-out at ${shares[*]})"
