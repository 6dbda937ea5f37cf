# Tools the scenarios and benchmarks call (sourced, not run).
# need_tools CMD...: every command missing from PATH is installed with apt-get when this is a
# Debian/Ubuntu machine and we are root; otherwise the script stops at once naming what is
# missing. A JDK cannot be installed this way (the README asks for JDK 17): it is only named.

tool_package() {  # the Debian package that provides a command, empty when apt cannot provide it
  case "$1" in
    wrk) echo wrk ;;
    curl) echo curl ;;
    python3) echo python3 ;;
    mariadb|mariadb-admin) echo mariadb-client ;;
    mariadbd|mariadb-install-db) echo mariadb-server ;;
    espeak-ng) echo espeak-ng ;;
    ffmpeg|ffprobe) echo ffmpeg ;;
    awk) echo gawk ;;
    tar) echo tar ;;
    *) echo "" ;;
  esac
}

need_tools() {
  local missing=() pkgs=() t p
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  for t in "${missing[@]}"; do
    p=$(tool_package "$t")
    if [ -z "$p" ]; then
      echo "FAIL: missing tool '$t' (not installable by this script; install it and rerun)" >&2
      exit 2
    fi
    pkgs+=("$p")
  done
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "FAIL: missing tool(s) ${missing[*]}: install package(s) ${pkgs[*]} and rerun" >&2
    exit 2
  fi
  echo "installing ${pkgs[*]} for ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${pkgs[@]}" >/dev/null 2>&1 || true
  for t in "${missing[@]}"; do
    command -v "$t" >/dev/null 2>&1 || { echo "FAIL: missing tool '$t': apt-get install ${pkgs[*]} did not provide it" >&2; exit 2; }
  done
}
