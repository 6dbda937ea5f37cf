#!/usr/bin/env bash
# Smoke test of the packaged jar, started the README's way: `java -XX:-DontCompileHugeMethods -jar target/quarkus-app/quarkus-run.jar`
# on a free port (never 8080 or 8081), a fresh TOCSIN_DATA_DIR and no other setting (every
# TOCSIN_*, QUARKUS_* and TWILIO_* variable of the caller is removed; the admin password is the
# one the service prints on first start). Then the demo district end to end over HTTP:
#   users      an operator and an approver are created by the admin
#   compose    the operator composes a cold-wave notice (template) for three demo villages,
#              SMS + loudspeaker, and submits it; the approver approves it
#   sms        the built-in sandbox holds one message for every targeted resident: the numbers
#              are the subscribed residents of those villages, their count is the audience count
#              of /api/audience/preview, no duplicates, every delivery final
#   play       a demo terminal of a targeted village (its token rotated by the admin) has the
#              play of this broadcast's occurrence in its queue
#   mp3        the queue's audio URL downloads: size > 0, = the queue's bytes, SHA-256 as stated,
#              an MP3 header; the same programme from /api/audio/{key}.mp3 (the CAP resource)
#   agent      the packaged terminal agent (target/tocsin-agent.jar, WAV file sink) plays the play:
#              duration and loudness match the programme; a second urgent broadcast's approval to
#              play start is printed (AGENT-LATENCY)
#   cap        the CAP alert of the broadcast is in /cap/feed.atom and its document is served
#   recording  a quiet FLAC from a "phone" is saved as a staff recording at -16 LUFS; a slot recorded
#              into the demo bank is listed as recorded
# Each missing step is named in a FAIL line; the jar is always stopped on exit.
# Usage: bench/smoke/packaged-jar.sh [--package]   (--package: package even when a jar exists;
#        without it the jar is packaged only when target/quarkus-app is missing)
# Env: SMOKE_BUDGET (s, default 300: the agent step plays a programme of about a minute in real time; from the java start to the verdict), SMOKE_KEEP=1 keeps the data dir.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$ROOT"
source "$ROOT/bench/lib/tools.sh"
need_tools curl python3 ffmpeg
command -v java >/dev/null 2>&1 || { echo "FAIL: missing tool 'java' (JDK 17, see README)" >&2; exit 2; }

BUDGET="${SMOKE_BUDGET:-300}"
JAR=target/quarkus-app/quarkus-run.jar
SID=AC5a4db0c0000000000000000000000000; SANDBOX_TOKEN=sandbox-auth-token  # the embedded sandbox's defaults (docs/SMS.md)
AREAS=(430902104201 430902104203 430902100202)   # 桥东村, 新桥村 (新桥河镇), 五岭村 (长春镇; one resident opted out)
OP=smoke-operator; OP_PW=smoke-operator-pw-1
AP=smoke-approver; AP_PW=smoke-approver-pw-1

ts() { date -u +%H:%M:%S; }
say() { printf '%s %s\n' "$(ts)" "$*"; }
FAILED=()
fail() { FAILED+=("$1"); say "FAIL step $1: $2"; }
abort() { fail "$1" "$2"; verdict; }

if [ "${1:-}" = --package ] || [ ! -f "$JAR" ]; then
  say "packaging the jar (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
[ -f "$JAR" ] || { echo "FAIL step package: $JAR missing after packaging" >&2; exit 1; }
[ -f target/tocsin-agent.jar ] || ./mvnw -B -q package -DskipTests   # the terminal agent (agent step)

PORT=$(python3 - <<'PY'
import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p not in (8080, 8081):
        print(p); break
PY
)
RUN=$(mktemp -d "$ROOT/target/smoke-XXXXXX")
DATA="$RUN/data"; LOG="$RUN/service.log"; TMP="$RUN/http"; mkdir -p "$TMP"
BASE="http://localhost:$PORT"

# Start exactly as the README does, with only the port and the data dir set.
strip=()
for v in $(compgen -e); do
  case "$v" in TOCSIN_*|QUARKUS_*|TWILIO_*) strip+=(-u "$v") ;; esac
done
START=$(date +%s)
env "${strip[@]}" QUARKUS_HTTP_PORT="$PORT" TOCSIN_DATA_DIR="$DATA" java -XX:-DontCompileHugeMethods -jar "$JAR" > "$LOG" 2>&1 &
PID=$!

stop() {
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$PID" 2>/dev/null && kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
}
on_exit() {
  local rc="${1:-$?}"
  stop
  [ -n "${SIP_PID:-}" ] && kill "$SIP_PID" 2>/dev/null || true
  if [ "$rc" != 0 ] || [ -n "${SMOKE_KEEP:-}" ]; then
    echo "service log and data kept in $RUN (last lines of the log:)"
    tail -n 25 "$LOG" 2>/dev/null | cut -c1-300 || true
  else
    rm -rf "$RUN"
  fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM
STEP=start
# An unexpected answer shape (a JSON field missing) stops the script through set -e: name the step.
trap 'say "FAIL step $STEP: unexpected answer or error at line $LINENO (see $TMP/body)"; say "FAIL smoke packaged-jar after $(elapsed) s: missing step(s): $STEP"' ERR

elapsed() { echo $(( $(date +%s) - START )); }
remaining() { echo $(( BUDGET - $(elapsed) )); }
# a step waits at most its own limit, and at most what is left of the budget (but gets one look)
limit() { local r; r=$(remaining); [ "$1" -lt "$r" ] && echo "$1" || echo $(( r > 3 ? r : 3 )); }

verdict() {
  if [ ${#FAILED[@]} -eq 0 ]; then
    say "PASS smoke packaged-jar in $(elapsed) s (port $PORT)"
    exit 0
  fi
  say "FAIL smoke packaged-jar after $(elapsed) s: missing step(s): ${FAILED[*]}"
  exit 1
}

# http CREDENTIALS METHOD PATH [JSON] -> status code; body in $TMP/body
http() {
  local cred="$1" method="$2" path="$3" data="${4:-}" args
  args=(-s -o "$TMP/body" -w '%{http_code}' -X "$method" -m 30)
  [ -n "$cred" ] && args+=(-u "$cred")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  curl "${args[@]}" "$BASE$path" || true
}
# jq-like: py EXPR (python over d = the last body)
py() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($1)" "$TMP/body"; }
body() { head -c 400 "$TMP/body"; }

# --- start ---------------------------------------------------------------------------------------
say "starting $JAR on port $PORT, data in $DATA (pid $PID)"
up=0
deadline=$(( $(date +%s) + $(limit 120) ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  kill -0 "$PID" 2>/dev/null || break
  curl -fs -o /dev/null -m 5 "$BASE/q/health/ready" && { up=1; break; }
  sleep 1
done
[ "$up" = 1 ] || abort start "not ready on $BASE/q/health/ready after $(elapsed) s (process alive: $(kill -0 "$PID" 2>/dev/null && echo yes || echo no))"
ADMIN_PW=$(grep -o "generated password: [^ ]*" "$LOG" | head -1 | cut -d' ' -f3 || true)
[ -n "$ADMIN_PW" ] || abort start "no generated admin password in the log"
ADMIN="admin:$ADMIN_PW"
say "ready after $(elapsed) s; admin password read from the log"

# --- users ---------------------------------------------------------------------------------------
STEP=users
code=$(http "$ADMIN" POST /api/users "{\"username\":\"$OP\",\"password\":\"$OP_PW\",\"roles\":[\"operator\"],\"displayName\":\"Smoke operator\"}")
[ "$code" = 201 ] || [ "$code" = 200 ] || abort users "create operator answered $code: $(body)"
code=$(http "$ADMIN" POST /api/users "{\"username\":\"$AP\",\"password\":\"$AP_PW\",\"roles\":[\"approver\"],\"displayName\":\"Smoke approver\"}")
[ "$code" = 201 ] || [ "$code" = 200 ] || abort users "create approver answered $code: $(body)"
code=$(http "$OP:$OP_PW" GET /api/me)
[ "$code" = 200 ] || abort users "the new operator cannot sign in ($code)"

# --- sip speaker: a real SIP user agent (baresip) stands for an IP speaker in the third village ---
# It auto-answers and dumps the decoded audio to a WAV (the sndfile module); the jar calls it
# from its own SIP stack once the broadcast is approved (docs/TERMINALS.md, SIP speakers).
STEP=sip
SIP_PID=""; SIP_CODE=ZY-SIP-SMOKE; SIP_DIR="$RUN/baresip"
stop_sip() { [ -n "$SIP_PID" ] && kill "$SIP_PID" 2>/dev/null && wait "$SIP_PID" 2>/dev/null || true; SIP_PID=""; }
if ! command -v baresip >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then fail sip "baresip is not installed (.ci/run installs it)"; else say "sip: baresip not installed, step skipped (apt-get install baresip)"; fi
  SIP_CODE=""
else
  SIP_PORT=$(python3 -c "import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
  mkdir -p "$SIP_DIR/rec"
  printf '%s\n' "poll_method epoll" "sip_listen 127.0.0.1:$SIP_PORT" "audio_player aubridge,nil" \
    "audio_source aubridge,nil" "audio_alert aubridge,nil" "audio_srate 8000" "audio_channels 1" \
    "snd_path $SIP_DIR/rec" "module_path /usr/lib/baresip/modules" "module g711.so" "module aubridge.so" \
    "module sndfile.so" "module_app account.so" "module_app menu.so" "rtp_ports 44000-44999" > "$SIP_DIR/config"
  echo "<sip:speaker@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA" > "$SIP_DIR/accounts"
  : > "$SIP_DIR/contacts"
  (cd "$SIP_DIR" && exec baresip -n 127.0.0.1 -f "$SIP_DIR" < /dev/null > "$SIP_DIR/baresip.log" 2>&1) &
  SIP_PID=$!
  for i in $(seq 1 50); do grep -q "baresip is ready" "$SIP_DIR/baresip.log" 2>/dev/null && break; sleep 0.2; done
  code=$(http "$ADMIN" POST /api/terminals "{\"code\":\"$SIP_CODE\",\"name\":\"五岭村村部 IP 音柱\",\"area\":\"${AREAS[2]}\",
    \"zone\":\"Asia/Shanghai\",\"volumePreset\":70,\"paging\":{\"kind\":\"sip\",\"uri\":\"sip:speaker@127.0.0.1:$SIP_PORT\"}}")
  if [ "$code" = 201 ]; then say "sip: baresip answering on 127.0.0.1:$SIP_PORT, registered as terminal $SIP_CODE in ${AREAS[2]}"
  else fail sip "registering the SIP speaker answered $code: $(body)"; SIP_CODE=""; fi
fi

# --- audience: who must be texted ----------------------------------------------------------------
STEP=audience
areas_json=$(printf '"%s",' "${AREAS[@]}"); areas_json="[${areas_json%,}]"
code=$(http "$OP:$OP_PW" POST /api/audience/preview "{\"areaCodes\":$areas_json}")
[ "$code" = 200 ] || abort audience "preview answered $code: $(body)"
AUDIENCE=$(py 'd["smsRecipients"]'); OPTED_OUT=$(py 'd["optedOutExcluded"]'); TERMINALS=$(py 'd["terminals"]')
: > "$RUN/expected-phones"
for a in "${AREAS[@]}"; do
  code=$(http "$OP:$OP_PW" GET "/api/residents?area=$a&size=200")
  [ "$code" = 200 ] || abort audience "residents of $a answered $code: $(body)"
  py '"\n".join(r["phone"] for r in d["items"] if "opt" not in str(r["consent"]).lower())' >> "$RUN/expected-phones"
done
sort -u -o "$RUN/expected-phones" "$RUN/expected-phones"; sed -i '/^$/d' "$RUN/expected-phones"
EXPECTED=$(wc -l < "$RUN/expected-phones")
say "audience: preview $AUDIENCE SMS recipients ($OPTED_OUT opted out left out), $TERMINALS terminals; subscribed residents listed: $EXPECTED"
[ "$AUDIENCE" -gt 0 ] && [ "$TERMINALS" -gt 0 ] || abort audience "the demo villages ${AREAS[*]} have no audience (demo data not loaded?)"
[ "$AUDIENCE" = "$EXPECTED" ] || fail audience "preview counts $AUDIENCE recipients but the villages list $EXPECTED subscribed residents"

# --- compose, submit, approve --------------------------------------------------------------------
STEP=compose
read -r FROM TO < <(python3 -c "
import datetime, zoneinfo
d = datetime.datetime.now(zoneinfo.ZoneInfo('Asia/Shanghai')).date()
print(d + datetime.timedelta(days=1), d + datetime.timedelta(days=3))")
create="{\"templateId\":\"cold-wave\",\"language\":\"zh-CN\",
  \"variables\":{\"area\":\"新桥河镇\",\"period\":{\"from\":\"$FROM\",\"to\":\"$TO\"},\"lowTemperature\":-4},
  \"channels\":[\"sms\",\"loudspeaker\"],\"priority\":\"urgent\",\"status\":\"actual\",
  \"audience\":{\"areaCodes\":$areas_json},\"schedule\":{\"kind\":\"NOW\"}}"
code=$(http "$OP:$OP_PW" POST /api/broadcasts "$create")
[ "$code" = 201 ] || abort compose "create answered $code: $(body)"
BID=$(py 'd["broadcast"]["id"]')
code=$(http "$OP:$OP_PW" POST "/api/broadcasts/$BID/submit")
[ "$code" = 200 ] || abort compose "submit of broadcast $BID answered $code: $(body)"
code=$(http "$AP:$AP_PW" POST "/api/broadcasts/$BID/approve" '{"comment":"smoke test"}')
[ "$code" = 200 ] || abort approve "approve of broadcast $BID by $AP answered $code: $(body)"
code=$(http "$OP:$OP_PW" GET "/api/broadcasts/$BID")
OCC=$(py 'd["occurrences"][0]["id"] if d["occurrences"] else ""')
[ -n "$OCC" ] || abort approve "broadcast $BID has no occurrence after approval: $(body)"
REF="occ-$OCC"
say "broadcast $BID approved by $AP (status $(py 'd["broadcast"]["status"]')), occurrence $REF, period $FROM..$TO"

# --- sms -----------------------------------------------------------------------------------------
STEP=sms
sms_state() {  # -> "<messages> <distinct to> <expected present> <not final>" and $RUN/sandbox.json
  curl -s -m 30 -u "$SID:$SANDBOX_TOKEN" "$BASE/sandbox/twilio/messages?size=1000" > "$RUN/sandbox.json" || echo '{}' > "$RUN/sandbox.json"
  http "$OP:$OP_PW" GET "/api/broadcasts/$BID/report" > /dev/null
  python3 - "$RUN/sandbox.json" "$TMP/body" "$RUN/expected-phones" <<'PY'
import json, sys
try:
    msgs = json.load(open(sys.argv[1])).get("messages", [])
except Exception:
    msgs = []
try:
    occ = json.load(open(sys.argv[2]))["occurrences"]
    sms = occ[0]["sms"] if occ else {}
except Exception:
    sms = {}
want = set(l.strip() for l in open(sys.argv[3]) if l.strip())
to = set(m.get("to") for m in msgs)
open_rows = sum(sms.get(k, 0) for k in ("queued", "sending"))
print(len(msgs), len(to), len(want & to), open_rows if sms else -1)
PY
}
sms_ok=0; t0=$(date +%s)
deadline=$(( $(date +%s) + $(limit 60) ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  read -r n_msgs n_to n_present n_open < <(sms_state)
  if [ "$n_present" = "$EXPECTED" ] && [ "$n_open" = 0 ]; then sms_ok=1; break; fi
  sleep 1
done
read -r n_msgs n_to n_present n_open < <(sms_state)
report_sms=$(py 'json.dumps(d["occurrences"][0]["sms"]) if d.get("occurrences") else "none"' 2>/dev/null || echo none)
say "sms: sandbox $n_msgs messages to $n_to numbers, $n_present of $EXPECTED targeted residents, deliveries not final $n_open (waited $(( $(date +%s) - t0 )) s); report $report_sms"
if [ "$sms_ok" != 1 ]; then
  reason=""
  if [ "$(http "$OP:$OP_PW" GET '/api/sms/deliveries?size=1')" = 200 ]; then
    reason=$(py '(d["items"][0]["state"] + ": " + str(d["items"][0]["reason"])) if d["items"] else "no delivery rows"')
  fi
  fail sms "the built-in sandbox received $n_present of $EXPECTED messages ($n_open deliveries not final); first delivery: ${reason:-?}"
else
  bad=$(python3 - "$RUN/sandbox.json" "$RUN/expected-phones" <<'PY'
import json, sys, collections
msgs = json.load(open(sys.argv[1]))["messages"]
want = set(l.strip() for l in open(sys.argv[2]) if l.strip())
per = collections.Counter(m["to"] for m in msgs)
problems = []
extra = set(per) - want
if extra: problems.append("messages to numbers not targeted: %s" % sorted(extra)[:5])
dups = [p for p, c in per.items() if c > 1]
if dups: problems.append("duplicates: %s" % dups[:5])
nocold = [m["to"] for m in msgs if "寒潮" not in (m.get("body") or "")]
if nocold: problems.append("bodies without the cold-wave text for %s" % nocold[:5])
print("; ".join(problems))
PY
)
  if [ -n "$bad" ]; then fail sms "$bad"; else say "sms: OK, $n_msgs messages = audience $AUDIENCE, one per targeted resident"; fi
fi

# --- play in a terminal's queue ------------------------------------------------------------------
STEP=play
TCODE=""; TOKEN=""; PLAY=""; AUDIO_URL=""; AUDIO_BYTES=""; AUDIO_SHA=""; AUDIO_KEY=""
if [ "$(http "$ADMIN" GET "/api/terminals?area=${AREAS[0]}")" = 200 ]; then TCODE=$(py 'd[0]["code"] if d else ""'); fi
if [ -z "$TCODE" ]; then
  fail play "no demo terminal in area ${AREAS[0]}"
elif [ "$(http "$ADMIN" POST "/api/terminals/$TCODE/rotate-token")" != 200 ]; then
  fail play "rotate-token of $TCODE answered: $(body)"
else
  TOKEN=$(py 'd["token"]')
  t0=$(date +%s); last=""
  deadline=$(( $(date +%s) + $(limit 60) ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    last=$(curl -s -m 30 -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/terminal/v1/queue" || true)
    if [ "$last" = 200 ]; then
      PLAY=$(py "next((str(p['playId']) for p in d['plays'] if p['occurrence'] == '$REF'), '')")
      if [ -n "$PLAY" ]; then
        read -r AUDIO_URL AUDIO_BYTES AUDIO_SHA AUDIO_KEY PRIO < <(py "' '.join(str(x) for x in next(
          (p['audio']['url'], p['audio']['bytes'], p['audio']['sha256'], p['audio']['key'], p['priority']) for p in d['plays'] if p['occurrence'] == '$REF'))")
        break
      fi
    fi
    sleep 1
  done
  if [ -n "$PLAY" ]; then
    say "play: terminal $TCODE (token rotated) has play $PLAY of $REF, priority $PRIO, audio $AUDIO_BYTES bytes (waited $(( $(date +%s) - t0 )) s)"
  else
    fail play "terminal $TCODE's queue has no play of $REF after $(( $(date +%s) - t0 )) s (last answer $last: $(body))"
  fi
fi

# --- mp3 -----------------------------------------------------------------------------------------
STEP=mp3
check_mp3() {  # check_mp3 FILE -> problems, empty if fine
  python3 - "$1" "$AUDIO_BYTES" "$AUDIO_SHA" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
problems = []
if not data: problems.append("empty body")
if data and str(len(data)) != sys.argv[2]: problems.append("%d bytes, the queue says %s" % (len(data), sys.argv[2]))
if data and hashlib.sha256(data).hexdigest() != sys.argv[3]: problems.append("SHA-256 differs from the queue's")
if data and not (data[:3] == b"ID3" or (data[0] == 0xFF and (data[1] & 0xE0) == 0xE0)): problems.append("no MP3 header (starts %r)" % data[:4])
print("; ".join(problems))
PY
}
if [ -n "$AUDIO_URL" ]; then
  code=$(curl -s -m 60 -o "$RUN/programme.mp3" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$AUDIO_URL" || true)
  problems=$([ "$code" = 200 ] && check_mp3 "$RUN/programme.mp3" || echo "answered $code")
  code2=$(curl -s -m 60 -o "$RUN/public.mp3" -w '%{http_code}' "$BASE/api/audio/$AUDIO_KEY.mp3" || true)
  problems2=$([ "$code2" = 200 ] && check_mp3 "$RUN/public.mp3" || echo "answered $code2")
  if [ -n "$problems" ]; then fail mp3 "$AUDIO_URL: $problems"
  elif [ -n "$problems2" ]; then fail mp3 "$BASE/api/audio/$AUDIO_KEY.mp3: $problems2"
  else say "mp3: $AUDIO_URL and /api/audio/$AUDIO_KEY.mp3 downloaded, $(stat -c %s "$RUN/programme.mp3") bytes each, SHA-256 and MP3 header OK"; fi
else
  fail mp3 "no audio URL to download (no play in the queue)"
fi

# --- agent: the packaged terminal agent plays the programme -----------------------------------------
# target/tocsin-agent.jar runs as the terminal (token above) with the WAV file sink: it must play
# the urgent play (WAV duration within 50 ms of the programme's, loudness within 0.5 LU of the
# MP3's by ffmpeg), report it completed, and start a second urgent broadcast (loudspeaker only,
# the first village) soon after its approval: the time from sending the approval to "playing"
# in the agent's log is printed as AGENT-LATENCY (docs/BENCHMARKS-loudspeaker.md).
STEP=agent
AGENT_JAR=target/tocsin-agent.jar; AGENT_DIR="$RUN/agent"; AGENT_PID=""
stop_agent() { [ -n "$AGENT_PID" ] && kill -TERM "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null || true; AGENT_PID=""; }
# (not "(exit $rc)" to pass the status on: under set -e a failing command ends the handler there)
trap 'rc=$?; stop_agent; on_exit "$rc"' EXIT
playing_at() {  # playing_at PLAY_ID -> epoch seconds (ms precision) of the agent's "playing" line, empty if none
  python3 - "$AGENT_DIR/agent.log" "$1" <<'PY'
import datetime, re, sys
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"(\S+Z) INFO playing (\d+) ", line)
    if m and m.group(2) == sys.argv[2]:
        print(datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()); break
PY
}
if [ ! -f "$AGENT_JAR" ]; then
  fail agent "$AGENT_JAR missing (./mvnw package builds it)"
elif [ -z "$PLAY" ]; then
  fail agent "no play for the agent to play"
else
  mkdir -p "$AGENT_DIR"
  env "${strip[@]}" TZ=UTC TOCSIN_AGENT_URL="$BASE" TOCSIN_AGENT_TOKEN="$TOKEN" TOCSIN_AGENT_STATE_DIR="$AGENT_DIR/state" \
    TOCSIN_AGENT_AUDIO_DEVICE="file:$AGENT_DIR/played" TOCSIN_AGENT_POWER_ON="echo on >> $AGENT_DIR/power.log" \
    TOCSIN_AGENT_POWER_OFF="echo off >> $AGENT_DIR/power.log" \
    java '-Djava.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tLZ %4$s %5$s%6$s%n' -jar "$AGENT_JAR" > "$AGENT_DIR/agent.log" 2>&1 &
  AGENT_PID=$!
  t0=$(date +%s); done=""
  deadline=$(( $(date +%s) + $(limit 120) ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(http "$OP:$OP_PW" GET "/api/terminals/coverage?occurrence=$REF")" = 200 ] && [ "$(py "sum(a['completed'] for a in d['areas'] if a['area'] == '${AREAS[0]}')")" -ge 1 ]; then done=1; break; fi
    sleep 1
  done
  WAV="$AGENT_DIR/played/play-$PLAY.wav"
  if [ -z "$done" ] || [ ! -f "$WAV" ]; then
    fail agent "play $PLAY not reported completed by the agent after $(( $(date +%s) - t0 )) s (log: $(tail -n 3 "$AGENT_DIR/agent.log" | tr '\n' ' ' | cut -c1-300))"
  else
    measured=$(python3 - "$WAV" "$RUN/programme.mp3" <<'PY'
import re, subprocess, sys, wave
w = wave.open(sys.argv[1]); wav_ms = w.getnframes() * 1000 / w.getframerate()
def run(*a): return subprocess.run(a, capture_output=True, text=True).stderr
def lufs(f):
    s = run("ffmpeg", "-nostats", "-hide_banner", "-i", f, "-af", "ebur128", "-f", "null", "-")
    return float(re.findall(r"I:\s+(-?[0-9.]+) LUFS", s[s.rfind("Summary:"):])[0])
subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", sys.argv[2], sys.argv[1] + ".ref.wav"], check=True)
r = wave.open(sys.argv[1] + ".ref.wav"); ref_ms = r.getnframes() * 1000 / r.getframerate()
print("%.0f %.0f %.2f %.2f" % (wav_ms, ref_ms, lufs(sys.argv[1]), lufs(sys.argv[2])))
PY
)
    read -r wav_ms ref_ms wav_lufs ref_lufs <<< "$measured"
    say "agent: played $PLAY in $(( $(date +%s) - t0 )) s: WAV $wav_ms ms vs programme $ref_ms ms, $wav_lufs vs $ref_lufs LUFS; power $(tr '\n' ' ' < "$AGENT_DIR/power.log")"
    python3 -c "import sys; a,b,c,d=map(float,sys.argv[1:]); sys.exit(0 if abs(a-b)<=50 and abs(c-d)<=0.5 else 1)" $wav_ms $ref_ms $wav_lufs $ref_lufs \
      || fail agent "the played WAV differs from the programme: $wav_ms vs $ref_ms ms, $wav_lufs vs $ref_lufs LUFS"
    # A second urgent broadcast while the agent long-polls: time from approval to play start.
    create2=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); d['channels']=['loudspeaker']; d['audience']={'areaCodes':[sys.argv[2]]}; print(json.dumps(d))" "$create" "${AREAS[0]}")
    code=$(http "$OP:$OP_PW" POST /api/broadcasts "$create2"); BID2=$(py 'd["broadcast"]["id"]')
    http "$OP:$OP_PW" POST "/api/broadcasts/$BID2/submit" > /dev/null
    sleep 2  # the agent is back in its long-poll
    t_approve=$(date +%s.%N)
    code=$(http "$AP:$AP_PW" POST "/api/broadcasts/$BID2/approve" '{"comment":"smoke agent latency"}')
    PLAY2=""; started=""
    deadline=$(( $(date +%s) + $(limit 30) ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
      PLAY2=$(grep -o "INFO playing [0-9]*" "$AGENT_DIR/agent.log" | awk '{print $3}' | grep -vx "$PLAY" | head -1 || true)
      [ -n "$PLAY2" ] && started=$(playing_at "$PLAY2") && [ -n "$started" ] && break
      sleep 0.2
    done
    if [ "$code" != 200 ] || [ -z "$started" ]; then
      fail agent "second urgent broadcast $BID2 (approve $code) did not start playing within 30 s"
    else
      AGENT_LATENCY=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[1]) - float(sys.argv[2])))" "$started" "$t_approve")
      say "AGENT-LATENCY approval of urgent broadcast $BID2 to play $PLAY2 starting on the agent: $AGENT_LATENCY s"
    fi
  fi
  stop_agent
fi

# --- sip: the call to the SIP speaker ended as a completed play, and baresip heard the programme ---
STEP=sip
if [ -n "$SIP_CODE" ]; then
  t0=$(date +%s); sip_state=""
  deadline=$(( $(date +%s) + $(limit 150) ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if [ "$(http "$ADMIN" GET "/api/terminals/$SIP_CODE")" = 200 ]; then
      sip_state=$(py '("ok" if d.get("lastSeenAt") else ("error: " + d["lastError"] if d.get("lastError") else "waiting"))')
      [ "$sip_state" = waiting ] || break
    fi
    sleep 2
  done
  rec=$(ls "$SIP_DIR"/rec/*dec*.wav 2>/dev/null | head -1 || true)
  stop_sip
  if [ "$sip_state" != ok ]; then
    fail sip "terminal $SIP_CODE: ${sip_state:-no answer from the API} after $(( $(date +%s) - t0 )) s (baresip log: $(tail -n 3 "$SIP_DIR/baresip.log" | tr '\n' ' ' | cut -c1-300))"
  elif [ -z "$rec" ]; then
    fail sip "the play is reported completed but baresip wrote no recording"
  else
    # Loud part of the recording against the programme (the call adds its own silent tail).
    read -r rec_s prog_s < <(python3 - "$rec" "$RUN/programme.mp3" <<'PY'
import subprocess, sys, wave, array
w = wave.open(sys.argv[1]); n = w.getnframes(); rate = w.getframerate()
a = array.array("h", w.readframes(n))
loud = [i for i in range(0, len(a), 80) if max(abs(x) for x in a[i:i + 80]) > 300]
rec = (loud[-1] - loud[0] + 80) / rate if loud else 0
out = subprocess.run(["ffmpeg", "-hide_banner", "-i", sys.argv[2], "-f", "s16le", "-ac", "1", "-ar", "8000", "-"],
                     capture_output=True).stdout
b = array.array("h", out)
loudp = [i for i in range(0, len(b), 80) if max(abs(x) for x in b[i:i + 80]) > 300]
prog = (loudp[-1] - loudp[0] + 80) / 8000 if loudp else 0
print("%.2f %.2f" % (rec, prog))
PY
)
    diff_ok=$(python3 -c "print(1 if abs($rec_s - $prog_s) <= 0.5 and $prog_s > 0 else 0)")
    if [ "$diff_ok" = 1 ]; then say "sip: $SIP_CODE answered; baresip recorded $rec_s s of sound, the programme has $prog_s s (waited $(( $(date +%s) - t0 )) s)"
    else fail sip "baresip recorded $rec_s s of sound, the programme has $prog_s s"; fi
  fi
fi

# --- cap -----------------------------------------------------------------------------------------
STEP=cap
CAP_URL=""; t0=$(date +%s)
deadline=$(( $(date +%s) + $(limit 30) ))
while [ "$(date +%s)" -lt "$deadline" ]; do
  if curl -s -m 30 -o "$RUN/feed.atom" "$BASE/cap/feed.atom"; then
    CAP_URL=$(python3 - "$RUN/feed.atom" "$BID" <<'PY'
import re, sys
feed = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'href="([^"]*-b%s\.xml)"' % re.escape(sys.argv[2]), feed)
print(m.group(1) if m else "")
PY
)
    [ -n "$CAP_URL" ] && break
  fi
  sleep 1
done
if [ -z "$CAP_URL" ]; then
  fail cap "no entry for broadcast $BID in /cap/feed.atom after $(( $(date +%s) - t0 )) s"
else
  code=$(curl -s -m 30 -o "$RUN/alert.xml" -w '%{http_code} %{content_type}' "$CAP_URL" || true)
  cap_problems=$(python3 - "$RUN/alert.xml" "$code" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"c": "urn:oasis:names:tc:emergency:cap:1.2"}
code = sys.argv[2]
if not code.startswith("200"):
    print("answered " + code); sys.exit()
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception as e:
    print("not XML: %s" % e); sys.exit()
p = []
if root.tag != "{urn:oasis:names:tc:emergency:cap:1.2}alert": p.append("root is " + root.tag)
if root.findtext("c:msgType", namespaces=ns) != "Alert": p.append("msgType %s" % root.findtext("c:msgType", namespaces=ns))
if root.findtext("c:status", namespaces=ns) != "Actual": p.append("status %s" % root.findtext("c:status", namespaces=ns))
if "cap+xml" not in code: p.append("content type " + code)
print("; ".join(p))
PY
)
  if [ -n "$cap_problems" ]; then fail cap "$CAP_URL: $cap_problems"
  else
    ident=$(python3 -c "import sys,xml.etree.ElementTree as ET; print(ET.parse(sys.argv[1]).getroot().findtext('{urn:oasis:names:tc:emergency:cap:1.2}identifier'))" "$RUN/alert.xml")
    say "cap: alert $ident published (msgType Alert, status Actual) and listed in /cap/feed.atom"
  fi
fi

# --- recording: a staff recording uploaded from a phone is mastered for the horns -----------------
# Speech from the service's own Mandarin voice, made quiet (-14 dB) with a second of silence at
# each end and sent as 44.1 kHz stereo FLAC, as a phone would; the saved recording must come back
# at -16 LUFS (+-1) by ffmpeg, and a slot recorded into the demo bank must be listed as recorded.
STEP=recording
REC_ID=""
code=$(http "$OP:$OP_PW" POST /api/audio/preview '{"script":"各位村民请注意，今晚有寒潮，出门注意防滑。","profile":"mandarin","severity":"routine"}')
if [ "$code" != 200 ]; then fail recording "speech preview answered $code: $(body)"
else
  curl -s -m 30 -u "$OP:$OP_PW" -o "$RUN/voice.wav" "$BASE/api/audio/$(py 'd["key"]').wav"
  ffmpeg -nostdin -loglevel error -y -i "$RUN/voice.wav" -af "volume=-14dB,adelay=1000|1000,apad=pad_dur=1" \
    -ar 44100 -ac 2 "$RUN/phone.flac"
  code=$(curl -s -m 60 -o "$TMP/body" -w '%{http_code}' -u "$OP:$OP_PW" -H 'Content-Type: audio/flac' \
    --data-binary @"$RUN/phone.flac" "$BASE/api/recordings?kind=notice&label=smoke" || true)
  if [ "$code" != 201 ]; then fail recording "upload answered $code: $(body)"
  else
    REC_ID=$(py 'd["id"]')
    curl -s -m 30 -o "$RUN/recording.wav" "$BASE$(py 'd["wav"]')"
    rec_lufs=$(ffmpeg -nostats -hide_banner -i "$RUN/recording.wav" -af ebur128 -f null - 2>&1 | grep -E '^\s+I:' | tail -1 | awk '{print $2}')
    if ! python3 -c "import sys; sys.exit(0 if abs(float('$rec_lufs') + 16) <= 1 else 1)"; then
      fail recording "recording $REC_ID measures $rec_lufs LUFS, not -16 +-1"
    else
      code=$(curl -s -m 60 -o "$TMP/body" -w '%{http_code}' -u "$OP:$OP_PW" -H 'Content-Type: audio/flac' \
        --data-binary @"$RUN/phone.flac" "$BASE/api/recordings?kind=slot&bank=xiang-yiyang&phrase=%E6%91%84%E6%B0%8F%E5%BA%A6" || true)
      [ "$code" = 201 ] || fail recording "slot upload answered $code: $(body)"
      code=$(http "$OP:$OP_PW" GET /api/phrase-banks/xiang-yiyang)
      recorded=$(py 'sum(1 for e in d["entries"] if e["text"] == "摄氏度" and e["recording"])')
      if [ "$recorded" != 1 ]; then fail recording "the bank does not list 摄氏度 as recorded"
      else say "recording: FLAC upload saved as recording $REC_ID at $rec_lufs LUFS; slot 摄氏度 recorded in xiang-yiyang"; fi
    fi
  fi
fi

# --- voice: a resident who prefers a call is phoned, the call plays the programme, its status returns ---
# A second, urgent broadcast with sms+voice to the second village, after a resident there is marked
# as preferring a call: the built-in sandbox must get one call to that number (TwiML <Play> of this
# jar's own public MP3, which must download), no SMS to it, and the signed status callback must
# reach the jar (the report's voice.answered), on this port, not the tests'.
STEP=voice
VOICE_PHONE="+8613955501234"; VOICE_OK=""
code=$(http "$OP:$OP_PW" POST /api/residents "{\"name\":\"语音呼叫演示\",\"phone\":\"$VOICE_PHONE\",\"areas\":[\"${AREAS[1]}\"],\"prefersCall\":true}")
if [ "$code" != 201 ]; then fail voice "creating the resident who prefers a call answered $code: $(body)"
else
  vcreate="{\"templateId\":\"cold-wave\",\"language\":\"zh-CN\",
    \"variables\":{\"area\":\"新桥河镇\",\"period\":{\"from\":\"$FROM\",\"to\":\"$TO\"},\"lowTemperature\":-4},
    \"channels\":[\"sms\",\"voice\"],\"priority\":\"urgent\",\"status\":\"actual\",
    \"audience\":{\"areaCodes\":[\"${AREAS[1]}\"]},\"schedule\":{\"kind\":\"NOW\"}}"
  code=$(http "$OP:$OP_PW" POST /api/broadcasts "$vcreate")
  if [ "$code" != 201 ]; then fail voice "create answered $code: $(body)"
  else
    VBID=$(py 'd["broadcast"]["id"]')
    http "$OP:$OP_PW" POST "/api/broadcasts/$VBID/submit" > /dev/null
    code=$(http "$AP:$AP_PW" POST "/api/broadcasts/$VBID/approve" '{"comment":"smoke voice"}')
    if [ "$code" != 200 ]; then fail voice "approve of $VBID answered $code: $(body)"
    else
      t0=$(date +%s); answered=""
      deadline=$(( $(date +%s) + $(limit 90) ))
      while [ "$(date +%s)" -lt "$deadline" ]; do
        http "$OP:$OP_PW" GET "/api/broadcasts/$VBID/report" > /dev/null
        answered=$(py 'd["occurrences"][0]["voice"].get("answered", 0) if d.get("occurrences") else 0' 2>/dev/null || echo 0)
        [ "$answered" = 1 ] && break
        sleep 1
      done
      curl -s -m 30 -u "$SID:$SANDBOX_TOKEN" "$BASE/sandbox/twilio/calls?to=%2B${VOICE_PHONE#+}" > "$RUN/calls.json" || echo '{}' > "$RUN/calls.json"
      curl -s -m 30 -u "$SID:$SANDBOX_TOKEN" "$BASE/sandbox/twilio/messages?to=%2B${VOICE_PHONE#+}" > "$RUN/voice-sms.json" || echo '{}' > "$RUN/voice-sms.json"
      read -r n_calls play_url n_texts < <(python3 - "$RUN/calls.json" "$RUN/voice-sms.json" <<'PY'
import json, re, sys
calls = json.load(open(sys.argv[1])).get("calls", [])
texts = json.load(open(sys.argv[2])).get("total", -1)
m = re.search(r"<Play>([^<]+)</Play>", calls[0].get("twiml") or "") if calls else None
print(len(calls), m.group(1) if m else "-", texts)
PY
)
      if [ "$n_calls" != 1 ]; then fail voice "the sandbox got $n_calls calls to $VOICE_PHONE (want 1; report answered=$answered)"
      elif [ "$play_url" = "-" ] || [ "${play_url#"$BASE"/api/audio/}" = "$play_url" ]; then fail voice "the call's TwiML plays '$play_url', not an MP3 of $BASE"
      elif [ "$(curl -s -m 60 -o "$RUN/call.mp3" -w '%{http_code}' "$play_url" || true)" != 200 ]; then fail voice "the call's MP3 $play_url does not download"
      elif [ "$answered" != 1 ]; then fail voice "the call was placed but its status never reached the jar (report voice.answered=$answered after $(( $(date +%s) - t0 )) s)"
      elif [ "$n_texts" != 0 ]; then fail voice "$VOICE_PHONE was texted $n_texts times as well as called"
      else VOICE_OK=1; say "voice: broadcast $VBID phoned $VOICE_PHONE once (answered, status callback received in $(( $(date +%s) - t0 )) s), TwiML plays $(stat -c %s "$RUN/call.mp3") bytes of MP3 from this jar, no SMS to it"; fi
    fi
  fi
fi

say "EVIDENCE broadcast=$BID occurrence=$REF audience=$AUDIENCE opted-out-excluded=$OPTED_OUT sandbox-messages=$n_msgs targeted-texted=$n_present/$EXPECTED terminal=${TCODE:-none} play=${PLAY:-none} audio-bytes=${AUDIO_BYTES:-none} agent-latency=${AGENT_LATENCY:-none}s cap=${CAP_URL##*/} recording=${REC_ID:-none} voice-call=${VOICE_OK:-none}"
verdict
