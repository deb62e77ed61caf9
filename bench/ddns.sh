#!/usr/bin/env bash
# Benchmarks of `hostkeep ddns`, on this machine, printed as a table:
#  1. Provider requests per run, counted at the Alidns fake (a separate process), for RECORDS records
#     (default 2): the first run, RUNS (default 100) steady runs with an unchanged address (target 0
#     each), and CHANGES (default 10) runs that each follow a new address (target: at most 1 lookup +
#     1 write per record).
#  2. Wall time of one cron-style steady run (the address asked from a local echo service over HTTP,
#     state read, nothing sent to the provider) against `hostkeep version`. Target <= 1.5x.
# Usage: bench/ddns.sh   (env: RECORDS, RUNS, CHANGES)
# Needs: hyperfine, python3 (the local echo service) (scripts/install-test-deps.sh).
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
records=${RECORDS:-2}
runs=${RUNS:-100}
changes=${CHANGES:-10}
name=ddns.sh
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
require hyperfine python3 bc
warmup=3

"$root/hostkeep" version >/dev/null
hostkeep=$(ls -d "$root"/hostkeep-cli/target/hostkeep-*/bin/hostkeep | head -n 1)
jdk=$("$root/scripts/find-jdk.sh")
(cd "$root" && JAVA_HOME="$jdk" ./mvnw -B -q -o -pl hostkeep-testkit -DskipTests -Dspotless.check.skip package)
testkit=$(ls "$root"/hostkeep-testkit/target/hostkeep-testkit-*.jar | head -n 1)

# --- the Alidns fake, with the records already there, and a local echo service ------------------
coproc FAKE { "$jdk/bin/java" -cp "$testkit" dev.hostkeep.testkit.FakeAlidnsMain 0 example.com; }
pids+=("$FAKE_PID")
read -r ready endpoint key_id key_secret <&"${FAKE[0]}"
[ "$ready" = ready ] || { echo "ddns.sh: the Alidns fake did not start" >&2; exit 1; }
ask() { echo "$1" >&"${FAKE[1]}"; read -r answer <&"${FAKE[0]}"; echo "$answer"; }
names=()
for i in $(seq 1 "$records"); do
  ask "add example.com host$i A 192.0.2.1" >/dev/null
  names+=("host$i.example.com")
done

mkdir -p "$work/echo"
echo 81.2.69.1 >"$work/echo/ip"
echo_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$work/echo" "$echo_port" >/dev/null 2>&1 &
pids+=("$!")
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$echo_port") 2>/dev/null && break
  sleep 0.1
done

printf '%s' "$key_secret" >"$work/alidns.secret"
chmod 600 "$work/alidns.secret"
cat >"$work/hostkeep.yaml" <<EOF
state: sqlite:$work/state.db
providers:
  aliyun:
    type: alidns
    endpoint: $endpoint
    access_key_id: $key_id
    access_key_secret: '\${file:$work/alidns.secret}'
ddns:
  - name: bench
    provider: aliyun
    zone: example.com
    ttl: 600
    records: [ $(IFS=,; echo "${names[*]}") ]
    detect: { ipv4: { sources: [ { https: 'http://127.0.0.1:$echo_port/ip' } ] } }
EOF
chmod 600 "$work/hostkeep.yaml"
run() { "$hostkeep" -q -c "$work/hostkeep.yaml" ddns update >/dev/null; }

# --- 1. requests per run ------------------------------------------------------------------------
run
first=$(ask count)
for _ in $(seq 1 "$runs"); do run; done
steady=$(( $(ask count) - first ))
before=$(ask count)
lookups_before=$(ask "count DescribeSubDomainRecords")
for i in $(seq 1 "$changes"); do
  echo "81.2.69.$((i + 1))" >"$work/echo/ip"
  run
done
changed=$(( $(ask count) - before ))
change_lookups=$(( $(ask "count DescribeSubDomainRecords") - lookups_before ))
change_writes=$(( changed - change_lookups ))
final=$(ask "value example.com host1 A")
expected="81.2.69.$((changes + 1))"
[ "$final" = "$expected" ] || { echo "ddns.sh: host1 holds $final, expected $expected" >&2; exit 1; }

# --- 2. wall time of a steady run ---------------------------------------------------------------
version=$(median "$hostkeep version" 30)
steady_s=$(median "$hostkeep -q -c $work/hostkeep.yaml ddns update" 30)
[ "$(ask count)" -eq "$((before + changed))" ] || { echo "ddns.sh: a timed steady run sent requests" >&2; exit 1; }

per() { echo "scale=2; $1 / $2" | bc; }
echo
printf "ddns benchmarks (%s cores; %s records; hostkeep version = %.3fs)\n" "$(nproc)" "$records" "$version"
printf '| %-56s | %10s | %8s | %22s |\n' "measurement" "value" "ratio" "target"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------------------" "------------" "----------" "------------------------"
printf '| %-56s | %10s | %8s | %22s |\n' "requests, first run (records hold an old address)" "$first" "" "<= 2 per record"
printf '| %-56s | %10s | %8s | %22s |\n' "requests, $runs steady runs with an unchanged address" "$steady" "" "0"
printf '| %-56s | %10s | %8s | %22s |\n' "lookups per record per change ($changes changes)" "$(per "$change_lookups" "$((changes * records))")" "" "<= 1"
printf '| %-56s | %10s | %8s | %22s |\n' "writes per record per change ($changes changes)" "$(per "$change_writes" "$((changes * records))")" "" "1"
printf '| %-56s | %9.3fs | %7sx | %22s |\n' "steady cron-style run (vs hostkeep version)" "$steady_s" "$(ratio "$steady_s" "$version")" "<= 1.5"
