#!/usr/bin/env bash
# Packages the two builds the scenarios run, in copies of the source tree (so target/ of the
# working tree is untouched): $WORK/h2 (embedded build: the standalone sandbox) and
# $WORK/mariadb (production build: the service).
source "$(dirname "$0")/lib.sh"
for kind in h2 mariadb; do
  if [ -f "$WORK/$kind/target/quarkus-app/quarkus-run.jar" ] && [ -z "${REBUILD:-}" ]; then
    log "$kind build present (REBUILD=1 to redo)"; continue
  fi
  rm -rf "$WORK/$kind"; mkdir -p "$WORK/$kind"
  tar -C "$ROOT" --exclude=./target --exclude=./.git -cf - . | tar -x -C "$WORK/$kind"
  profile=(); [ "$kind" = mariadb ] && profile=(-Dquarkus.profile=mariadb)
  log "packaging $kind"
  (cd "$WORK/$kind" && ./mvnw -q -B package -DskipTests "${profile[@]}")
done
