#!/usr/bin/env bash
# Start-up time and idle memory of the packaged service: time from `java -jar` to the first
# 200 on /q/health/ready, the start time Quarkus logs, and RSS + heap after IDLE seconds idle.
# Prints one BENCH line per build. Needs the builds of bench/resilience/build.sh.
# Usage: bench/startup.sh [h2|mariadb ...]   (IDLE=30, RUNS=3)
source "$(dirname "$0")/resilience/lib.sh"
command -v jcmd >/dev/null 2>&1 || die "missing tool 'jcmd' (comes with the JDK 17; reads the heap)"
trap cleanup EXIT
IDLE="${IDLE:-30}"; RUNS="${RUNS:-3}"
kinds=("$@"); [ ${#kinds[@]} -eq 0 ] && kinds=(h2 mariadb)
port=$((SVC_PORT + 7))
for kind in "${kinds[@]}"; do
  for run in $(seq 1 "$RUNS"); do
    dir="$WORK/startup/$kind-$run"; rm -rf "$dir"; mkdir -p "$dir"
    envs=(TOCSIN_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT="$port" TOCSIN_ADMIN_PASSWORD="$ADMIN_PASSWORD"
          TOCSIN_AUDIO_TEMPLATES_DIR="$ROOT/audio-templates" TOCSIN_COMPOSE_DIALECTS_DIR="$ROOT/audio-templates/dialects")
    if [ "$kind" = mariadb ]; then
      db="${RESILIENCE_DB:-tocsin_resilience}_startup"; fresh_db "$db"
      envs+=(TOCSIN_DB_URL="jdbc:mariadb://$DB_HOST:$DB_PORT/$db" TOCSIN_DB_USER="$DB_USER" TOCSIN_DB_PASSWORD=""
             TOCSIN_SMS_SANDBOX=true)
    fi
    t0=$(date +%s%N)
    ( cd "$dir" && exec env "${envs[@]}" java -Xmx512m -jar "$WORK/$kind/target/quarkus-app/quarkus-run.jar" > "$dir/log" 2>&1 ) &
    pid=$!; remember_pid "$pid"
    wait_http "http://127.0.0.1:$port/q/health/ready" 600 > /dev/null || die "$kind did not start (see $dir/log)"
    ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    quarkus_s=$(grep -o 'started in [0-9.]*s' "$dir/log" | head -1 | grep -o '[0-9.]*' || echo '?')
    sleep "$IDLE"
    rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*' || echo 0)
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "BENCH startup build=$kind run=$run ready=${ready_ms}ms quarkus-started=${quarkus_s}s idle=${IDLE}s rss=$((rss_kb / 1024))MB heap-used=$((heap / 1024))MB load=$load"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
