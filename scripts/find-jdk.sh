#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (one with javac: building needs a compiler), looking at JAVA_HOME,
# the javac on PATH, then /usr/lib/jvm/* newest first. Exits 1 with a message when there is none.
set -u
candidates=("${JAVA_HOME:-}")
if javac=$(command -v javac 2>/dev/null); then
  candidates+=("$(dirname -- "$(dirname -- "$(readlink -f -- "$javac")")")")
fi
while IFS= read -r home; do candidates+=("$home"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -V -r)
for home in "${candidates[@]}"; do
  [ -n "$home" ] && [ -x "$home/bin/javac" ] && [ -r "$home/release" ] || continue
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [ "${version:-0}" -ge 21 ]; then
    printf '%s\n' "$home"
    exit 0
  fi
done
echo "hostkeep: building needs a JDK 21 or newer; none found in JAVA_HOME, PATH or /usr/lib/jvm." >&2
echo "hostkeep: install one (e.g. Temurin 21 or 25) and set JAVA_HOME." >&2
exit 1
