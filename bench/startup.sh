#!/usr/bin/env bash
# Start-up time of hostkeep against a peer users already run from cron (borg --version) and the floor
# (a one-line hello-world jar on the same JDK). Prints median wall times and ratios.
#
#   bench/startup.sh [RUNS]      (default 30 runs each, after 5 warm-up runs)
#
# Needs hyperfine and borgbackup (scripts/install-test-deps.sh installs both). hostkeep is timed as
# installed: the distribution's bin/hostkeep (the checkout's ./hostkeep adds a source-staleness check
# and is shown for information). The machine should be otherwise idle.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-30}
for tool in hyperfine borg; do
  command -v "$tool" >/dev/null || { echo "startup.sh: $tool is not installed (scripts/install-test-deps.sh)" >&2; exit 1; }
done

"$root/hostkeep" version >/dev/null # builds the distribution and its start-up cache if needed
hostkeep=$(ls -d "$root"/hostkeep-cli/target/hostkeep-*/bin/hostkeep | head -n 1)
jdk=$("$root/scripts/find-jdk.sh")
# The runtime bin/hostkeep picks (its own search), for the hello-world floor on the same JDK.
java_home=$(HOSTKEEP_JAVA_OPTS=-XshowSettings:properties "$hostkeep" version 2>&1 | sed -n 's/^ *java.home = //p')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/Hello.java"
"$jdk/bin/javac" --release 21 -d "$work" "$work/Hello.java"
printf 'Main-Class: Hello\n' >"$work/manifest"
"$jdk/bin/jar" cfm "$work/hello.jar" "$work/manifest" -C "$work" Hello.class

hyperfine -N --warmup 5 --runs "$runs" --export-csv "$work/times.csv" \
  -n "hostkeep version" "$hostkeep version" \
  -n "hostkeep --help" "$hostkeep --help" \
  -n "borg --version" "borg --version" \
  -n "hello-world jar" "$java_home/bin/java -jar $work/hello.jar" \
  -n "./hostkeep version (checkout)" "$root/hostkeep version" >/dev/null

echo
echo "Start-up, median of $runs runs (java: $java_home)"
awk -F, '
  NR == 1 { next }
  { name[NR] = $1; median[NR] = $4; if ($1 == "borg --version") borg = $4; if ($1 == "hello-world jar") floor = $4 }
  END {
    printf "| %-30s | %10s | %14s | %15s |\n", "command", "median (s)", "/ borg --version", "/ hello-world jar"
    printf "|%s|%s|%s|%s|\n", "--------------------------------", "------------", "----------------", "-----------------"
    for (i = 2; i <= NR; i++)
      printf "| %-30s | %10.3f | %15.2fx | %16.2fx |\n", name[i], median[i], median[i] / borg, median[i] / floor
  }' "$work/times.csv"
