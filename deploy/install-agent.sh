#!/usr/bin/env bash
# Installs the Tocsin terminal agent on a Debian / Raspberry Pi OS box (x86_64 or arm64) with a
# JDK 17+ (apt-get install default-jdk-headless). Run from a copy of the repository's deploy/
# folder with the built jar beside it or named:
#   sudo TOCSIN_AGENT_URL=https://tocsin.example.org TOCSIN_AGENT_TOKEN=... deploy/install-agent.sh [tocsin-agent.jar]
# Without the two variables it asks for them (or, non-interactive, leaves the env file to edit).
# Creates system user tocsin-agent (groups audio, and gpio where it exists), /opt/tocsin-agent,
# /etc/tocsin-agent/tocsin-agent.env (kept if present: settings survive an upgrade),
# /var/lib/tocsin-agent and the systemd unit, then starts it.
# PREFIX=/some/dir installs the files under that directory only (no user, no systemctl): a dry run.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="${1:-}"
[ -n "$JAR" ] || for c in "$HERE/tocsin-agent.jar" "$HERE/../target/tocsin-agent.jar"; do [ -f "$c" ] && JAR="$c" && break; done
[ -f "${JAR:-}" ] || { echo "install-agent: tocsin-agent.jar not found (build it with ./mvnw package, or name it)" >&2; exit 2; }
P="${PREFIX:-}"
if [ -z "$P" ]; then
  [ "$(id -u)" = 0 ] || { echo "install-agent: run as root (sudo)" >&2; exit 2; }
  command -v java >/dev/null || { echo "install-agent: no java; apt-get install default-jdk-headless" >&2; exit 2; }
  [ "$(java -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')" -ge 17 ] \
    || { echo "install-agent: Java 17 or newer is needed" >&2; exit 2; }
fi

install -d -m 0755 "$P/opt/tocsin-agent" "$P/etc/tocsin-agent" "$P/etc/systemd/system"
install -m 0644 "$JAR" "$P/opt/tocsin-agent/tocsin-agent.jar"
install -m 0644 "$HERE/tocsin-agent.service" "$P/etc/systemd/system/tocsin-agent.service"
ENV="$P/etc/tocsin-agent/tocsin-agent.env"
[ -f "$ENV" ] || install -m 0640 "$HERE/tocsin-agent.env" "$ENV"

set_var() {  # set_var NAME VALUE: replaces the line NAME=... in the env file
  NAME="$1" VALUE="$2" awk 'BEGIN { n = ENVIRON["NAME"]; v = ENVIRON["VALUE"] }
    index($0, n "=") == 1 { print n "=" v; next } { print }' "$ENV" > "$ENV.new"
  cat "$ENV.new" > "$ENV"; rm -f "$ENV.new"
}
url="${TOCSIN_AGENT_URL:-}"; token="${TOCSIN_AGENT_TOKEN:-}"
if [ -z "$url$token" ] && [ -t 0 ] && grep -q '^TOCSIN_AGENT_TOKEN=change-me$' "$ENV"; then
  read -r -p "Tocsin URL (e.g. https://tocsin.example.org): " url
  read -r -s -p "Terminal token: " token; echo
fi
[ -n "$url" ] && set_var TOCSIN_AGENT_URL "$url"
[ -n "$token" ] && set_var TOCSIN_AGENT_TOKEN "$token"

if [ -n "$P" ]; then
  install -d -m 0750 "$P/var/lib/tocsin-agent"
  echo "installed under $P (dry run: no user, no systemctl)"; exit 0
fi
id tocsin-agent >/dev/null 2>&1 || useradd --system --home-dir /var/lib/tocsin-agent --shell /usr/sbin/nologin tocsin-agent
usermod -a -G audio tocsin-agent
getent group gpio >/dev/null && usermod -a -G gpio tocsin-agent
install -d -m 0750 -o tocsin-agent -g tocsin-agent /var/lib/tocsin-agent
chown root:tocsin-agent "$ENV"; chmod 0640 "$ENV"
systemctl daemon-reload
if grep -q '^TOCSIN_AGENT_TOKEN=change-me$' "$ENV"; then
  systemctl enable tocsin-agent
  echo "installed; put the terminal's URL and token in $ENV, then: systemctl restart tocsin-agent"
else
  systemctl enable tocsin-agent
  systemctl restart tocsin-agent
  echo "installed and started; follow it with: journalctl -u tocsin-agent -f"
fi
