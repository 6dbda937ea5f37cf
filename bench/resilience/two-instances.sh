#!/usr/bin/env bash
# Scenario 2: two service instances on one MariaDB share a recurring schedule (every minute, to a
# small area) and a fan-out (N residents); instance B is killed -9 mid-way and A finishes B's
# leased rows after the lease expires. Pass: each fired occurrence has one dispatch with one
# delivery per resident, the sandbox holds exactly the expected messages, 0 duplicates, and both
# instances held leases. B is killed when the sandbox holds KILL_AT percent of the fan-out (a seeded
# draw moves it by up to +-JITTER points); a kill that finds the fan-out finished, or B holding no
# leased rows, FAILS the scenario. Prints the kill point as a share of the fan-out and the rows
# leased by each instance at the kill and over the run.
# Usage: [N=20000] [MINUTES=4] [KILL_AT=50] [JITTER=10] [SEED=...] bench/resilience/two-instances.sh
export RUN="${RESILIENCE_WORK:-$(cd "$(dirname "$0")/../.." && pwd)/target/resilience}/run-two-instances"
export RESILIENCE_PORT="${RESILIENCE_PORT:-18280}" RESILIENCE_SANDBOX_PORT="${RESILIENCE_SANDBOX_PORT:-18289}"
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
N="${N:-20000}"; MINUTES="${MINUTES:-4}"; SMALL=5
KILL_AT="${KILL_AT:-50}"; JITTER="${JITTER:-10}"; SEED="${SEED:-$RANDOM}"
POINT=$(kill_points "$KILL_AT" "$JITTER" "$SEED" | head -1)
DB="${RESILIENCE_DB:-tocsin_resilience}_two"
PREFIX=+86136; SMALL_PREFIX=+86135
PORT_B=$((SVC_PORT + 1))
log "scenario two-instances: N=$N minutes=$MINUTES B killed at $POINT% of the fan-out (base $KILL_AT, jitter +-$JITTER, seed $SEED) db=$DB"
fresh_db "$DB"
rm -rf "$RUN"; mkdir -p "$RUN"
start_sandbox "$RUN/sandbox" -Dtocsin.sandbox.callbacks=false
start_service a "$DB" "$SVC_PORT" TOCSIN_SMS_OUTBOX_INSTANCE_ID=instance-a TOCSIN_SMS_OUTBOX_INSTANCES=2; PID_A=$LAST_PID
wait_ready "$SVC_PORT" 300 || die "instance A not ready"
start_service b "$DB" "$PORT_B" TOCSIN_SMS_OUTBOX_INSTANCE_ID=instance-b TOCSIN_SMS_OUTBOX_INSTANCES=2; PID_B=$LAST_PID
wait_ready "$PORT_B" 300 || die "instance B not ready"
seed "$SVC_PORT" RT1 "$N" "$PREFIX"
seed "$SVC_PORT" RT2 "$SMALL" "$SMALL_PREFIX"
approver "$SVC_PORT"
today=$(TZ=Asia/Shanghai date +%F)
rid=$(broadcast "$SVC_PORT" RT2 "Drill: recurring test message." "{\"kind\":\"CRON\",\"zone\":\"Asia/Shanghai\",\"cron\":\"0 * * ? * *\",\"from\":\"$today\",\"to\":\"$today\"}")
started=$(date +%s)
fid=$(broadcast "$PORT_B" RT1 "大风预警(演练):今晚阵风8级,请加固棚架。" '{"kind":"NOW"}')
log "recurring broadcast $rid, fan-out broadcast $fid"

owners="$RUN/owners"; : > "$owners"
# Lease owners are <instance>/w<worker>.<claim>: summed per instance.
sample() { sql "$DB" -e "SELECT SUBSTRING_INDEX(lease_owner,'/',1), COUNT(*) FROM sms_delivery WHERE state='SENDING' GROUP BY SUBSTRING_INDEX(lease_owner,'/',1)" >> "$owners" || true; }
( while :; do sample; sleep 2; done ) & SAMPLER=$!; remember_pid "$SAMPLER"
at=$(await_share "$PREFIX" "$N" "$POINT")
kill -9 "$PID_B"; wait "$PID_B" 2>/dev/null || true
kill_share=$(pct "$at" "$N")
held_at_kill=$(leases "$DB" "$PREFIX")
inflight=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_delivery WHERE state='SENDING' AND lease_owner LIKE 'instance-b%' AND phone LIKE '$PREFIX%'")
log "killed B at $at/$N = $kill_share% of the fan-out (target $POINT%); rows leased at the kill: $held_at_kill"
await_fanout "$DB" "$PREFIX" "$N"
elapsed=$(( $(date +%s) - started ))
# Let the recurring schedule run its minutes on A alone too, then stop it.
left=$(( MINUTES * 60 - elapsed )); [ "$left" -gt 0 ] && sleep "$left"
api "$SVC_PORT" POST "/api/broadcasts/$rid/cancel" -H 'Content-Type: application/json' -d '{"comment":"end of drill"}' > /dev/null
sleep 15
kill "$SAMPLER" 2>/dev/null || true
by_owner=$(awk '{c[$1]+=$2; n[$1]++} END {for (o in c) printf "%s:%d samples/%d rows ", o, n[o], c[o]}' "$owners")
# Occurrences that fired (the cancel at the end turns fired ones that reached someone CANCELLED and
# retracts them; the others end COMPLETED), their dispatches (occ-<id>) and the retractions
# (occ-<id>-retract) the cancel sends to every resident a cancelled occurrence reached.
fired=$(sql "$DB" -e "SELECT COUNT(*) FROM broadcast_occurrence WHERE broadcast_id=$rid AND fired_at IS NOT NULL")
occ_refs="SELECT CONCAT('occ-', id) FROM broadcast_occurrence WHERE broadcast_id=$rid"
retract_refs="SELECT CONCAT('occ-', id, '-retract') FROM broadcast_occurrence WHERE broadcast_id=$rid"
dispatches=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_dispatch WHERE external_ref IN ($occ_refs)")
per_occ_bad=$(sql "$DB" -e "SELECT COUNT(*) FROM (SELECT d.id FROM sms_dispatch d JOIN sms_delivery x ON x.dispatch_id=d.id WHERE d.external_ref IN ($occ_refs) GROUP BY d.id HAVING COUNT(*) <> $SMALL) t")
# The carrier rules hold a number's third identical text within 24 h (HELD, never sent), so the
# sandbox must hold exactly the recurring deliveries and the retractions that were sent, each once.
in_dispatches() { echo "dispatch_id IN (SELECT id FROM sms_dispatch WHERE external_ref IN ($1))"; }
small_sent=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_delivery WHERE $(in_dispatches "$occ_refs") AND state IN ('SENT','DELIVERED')")
small_held=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_delivery WHERE $(in_dispatches "$occ_refs") AND state = 'HELD'")
reached_cancelled=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_delivery x JOIN sms_dispatch d ON d.id=x.dispatch_id JOIN broadcast_occurrence o ON d.external_ref=CONCAT('occ-', o.id) WHERE o.broadcast_id=$rid AND o.state='CANCELLED' AND x.state IN ('SENT','DELIVERED')")
retract_sent=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_delivery WHERE $(in_dispatches "$retract_refs") AND state IN ('SENT','DELIVERED')")
retract_rows=$(sql "$DB" -e "SELECT COUNT(*) FROM sms_delivery WHERE $(in_dispatches "$retract_refs")")
small_total=$(sandbox_stats "$SMALL_PREFIX" | json 'd["total"]')
small_distinct=$(sandbox_stats "$SMALL_PREFIX" | json 'd["distinctRecipients"]')
echo "RESULT two-instances recurring: occurrences fired=$fired dispatches=$dispatches dispatches-with-wrong-size=$per_occ_bad deliveries sent=$small_sent held-by-carrier-rule=$small_held retractions at the cancel: residents reached by cancelled occurrences=$reached_cancelled retraction rows=$retract_rows sent=$retract_sent sandbox total=$small_total distinct=$small_distinct"
echo "RESULT two-instances leases sampled by owner: $by_owner"
echo "RESULT two-instances kill of B: target $POINT%, at $at/$N = $kill_share% of the fan-out; rows leased at the kill: $held_at_kill (B: $inflight)"
echo "RESULT two-instances attempts (outcome/http status): $(attempts "$DB" "$PREFIX")"
ok=1
verify "two-instances fan-out counts" "$DB" "$PREFIX" "$N" "$elapsed" "B killed at $kill_share% seed=$SEED" || ok=0
[ "$at" -lt "$N" ] || { echo "FAIL two-instances: the kill of B found the fan-out already finished"; ok=0; }
[ "$inflight" -gt 0 ] || { echo "FAIL two-instances: B held no leased rows when killed (no takeover exercised)"; ok=0; }
[ "$fired" -ge 1 ] && [ "$dispatches" = "$fired" ] && [ "$per_occ_bad" = 0 ] && [ $((small_sent + small_held)) = $((fired * SMALL)) ] \
  && [ "$retract_rows" = "$reached_cancelled" ] && [ "$retract_sent" = "$retract_rows" ] \
  && [ "$small_total" = $((small_sent + retract_sent)) ] || { echo "FAIL two-instances recurring"; ok=0; }
echo "$by_owner" | grep -q instance-a && echo "$by_owner" | grep -q instance-b || { echo "FAIL two-instances: work not split"; ok=0; }
[ "$ok" = 1 ] && echo "PASS two-instances (all checks)" || exit 1
