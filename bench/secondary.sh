#!/usr/bin/env bash
# Benchmarks of `hostkeep secondary` against peers, on this machine, printed as a table:
#  1. ZONES zones (default 10,000) into an empty RFC 9432 catalog on a real BIND primary: hostkeep's
#     `secondary sync` wall time minus `hostkeep version` (the JVM's fixed cost), beside nsupdate
#     sending the same PTR records from one prepared batch file (no diffing). Target ratio <= 2.
#     Each is the median of RUNS (default 5) runs, every run into an empty catalog of its own
#     (hostkeep with a new state each time). Then how many member zones a real BIND catalog
#     consumer of the first catalog serves after 60 s and 5 min.
#  2. A soft run with nothing to do over the same zones, against `hostkeep version`. Target <= 1.5x.
#  3. OVH_ZONES zones (default 2,000) into the OVH fake with 50 ms latency and a 20 requests/s pace:
#     the requests made (expected 1 list + one per zone) and the time against the pace bound
#     (requests / rate). Target <= 1.1x.
# Usage: bench/secondary.sh   (env: ZONES, RUNS, OVH_ZONES, CONSUMER_WAITS="60 300")
# Needs: bind9 (named, nsupdate, dig, tsig-keygen), hyperfine (scripts/install-test-deps.sh).
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
zones=${ZONES:-10000}
runs=${RUNS:-5}
ovh_zones=${OVH_ZONES:-2000}
waits=${CONSUMER_WAITS:-60 300}
for tool in named nsupdate dig tsig-keygen hyperfine; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
  command -v "$tool" >/dev/null || { echo "secondary.sh: $tool is missing (scripts/install-test-deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/hostkeep-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Hltnu "( sport = :$port )" | grep -q . || { echo "$port"; return; }
  done
}
now() { date +%s.%N; }
median() { # hyperfine median of a command, in seconds
  hyperfine -N --warmup 2 --runs "${2:-10}" --export-csv "$work/h.csv" "$1" >/dev/null 2>&1
  awk -F, 'NR == 2 { print $4 }' "$work/h.csv"
}
await_soa() { # zone port
  for _ in $(seq 1 300); do
    dig +short +norec +time=1 +tries=1 -p "$2" @127.0.0.1 "$1" SOA | grep -q . && return 0
    sleep 0.1
  done
  echo "secondary.sh: $1 not served on port $2" >&2
  return 1
}

"$root/hostkeep" version >/dev/null
hostkeep=$(ls -d "$root"/hostkeep-cli/target/hostkeep-*/bin/hostkeep | head -n 1)
version=$(median "$hostkeep version" 20)

# --- a BIND primary serving ZONES zones, an empty catalog for hostkeep and one for nsupdate -------
primary=$(free_port)
consumer=$(free_port)
mkdir -p "$work/primary/zones" "$work/consumer"
tsig-keygen -a hmac-sha256 bench-key >"$work/key.conf"
secret=$(sed -n 's/.*secret "\(.*\)";.*/\1/p' "$work/key.conf")
printf '%s' "$secret" >"$work/key.secret"
chmod 600 "$work/key.secret"
zone_file() { printf '$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\nns1 A 192.0.2.1\n'; }
zone_file >"$work/template.db"
catalog_file() { printf '$TTL 0\n@ SOA invalid. invalid. 1 3600 600 86400 0\n@ NS invalid.\nversion TXT "2"\n'; }
catalog_file >"$work/primary/catalog.db"
for run in $(seq 2 "$runs"); do catalog_file >"$work/primary/catalog$run.db"; done
for run in $(seq 1 "$runs"); do catalog_file >"$work/primary/ns$run.db"; done
{
  cat <<EOF
options { directory "$work/primary"; pid-file "$work/primary/named.pid"; session-keyfile "$work/primary/session.key";
  managed-keys-directory "$work/primary"; listen-on port $primary { 127.0.0.1; }; listen-on-v6 { none; };
  recursion no; allow-query { any; }; allow-transfer { key "bench-key"; }; dnssec-validation no;
  notify explicit; notify-rate 1000; startup-notify-rate 1000; };
controls { };
include "$work/key.conf";
zone "catalog.bench" { type primary; file "catalog.db"; update-policy { grant bench-key zonesub ANY; };
  also-notify { 127.0.0.1 port $consumer; }; };
EOF
  for run in $(seq 2 "$runs"); do
    echo "zone \"catalog$run.bench\" { type primary; file \"catalog$run.db\"; update-policy { grant bench-key zonesub ANY; }; };"
  done
  for run in $(seq 1 "$runs"); do
    echo "zone \"ns$run.bench\" { type primary; file \"ns$run.db\"; update-policy { grant bench-key zonesub ANY; }; };"
  done
  for i in $(seq 1 "$zones"); do
    printf 'zone "z%d.bench" { type primary; file "zones/z%d.bench.db"; };\n' "$i" "$i"
  done
} >"$work/primary/named.conf"
for i in $(seq 1 "$zones"); do cp "$work/template.db" "$work/primary/zones/z$i.bench.db"; done
named -g -c "$work/primary/named.conf" >"$work/primary/named.log" 2>&1 &
pids+=($!)
await_soa catalog.bench "$primary"
await_soa "z$zones.bench" "$primary"

median_of() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- 1a. nsupdate from a prepared batch file (no diffing), 500 records per message ---------------
for run in $(seq 1 "$runs"); do
  {
    echo "server 127.0.0.1 $primary"
    echo "zone ns$run.bench."
    for i in $(seq 1 "$zones"); do
      echo "update add m$i.zones.ns$run.bench. 0 IN PTR z$i.bench."
      [ $((i % 500)) -eq 0 ] && echo send
    done
    echo send
  } >"$work/batch$run.txt"
done
for run in $(seq 1 "$runs"); do
  start=$(now)
  nsupdate -y "hmac-sha256:bench-key:$secret" "$work/batch$run.txt"
  echo "$(now) - $start" | bc
done >"$work/nsupdate.times"
nsupdate_s=$(median_of <"$work/nsupdate.times")

# --- 1b. hostkeep secondary sync into an empty catalog, each run with a new state ----------------
config() { # run: the config of that run (catalog.bench is run 1's, which the consumer follows)
  local catalog=catalog$1.bench
  [ "$1" = 1 ] && catalog=catalog.bench
  cat <<EOF
state: sqlite:$work/state$1.db
providers:
  primary:
    type: rfc2136
    server: 127.0.0.1:$primary
    key_name: bench-key
    key_secret: '\${file:$work/key.secret}'
secondary:
  - name: catalog
    source:
      zone_dir: $work/primary/zones
    targets:
      - { provider: primary, catalog: $catalog }
EOF
}
for run in $(seq 1 "$runs"); do
  config "$run" >"$work/hostkeep$run.yaml"
  chmod 600 "$work/hostkeep$run.yaml"
done
cp -p "$work/hostkeep1.yaml" "$work/hostkeep.yaml"
# The launcher makes its class cache for secondary commands on their first use: not in the timing.
"$hostkeep" -q -c "$work/hostkeep.yaml" secondary status >/dev/null
for run in $(seq 1 "$runs"); do
  start=$(now)
  "$hostkeep" -q -c "$work/hostkeep$run.yaml" secondary sync >/dev/null
  echo "$(now) - $start" | bc
done >"$work/hostkeep.times"
hostkeep_s=$(median_of <"$work/hostkeep.times")
members=$(dig +noall +answer -p "$primary" @127.0.0.1 -y "hmac-sha256:bench-key:$secret" catalog.bench AXFR | grep -c PTR || true)

# --- 2. soft run, nothing to do ------------------------------------------------------------------
soft=$(median "$hostkeep -q -c $work/hostkeep.yaml secondary sync" 10)

# --- 1c. a real BIND catalog consumer ------------------------------------------------------------
cat >"$work/consumer/named.conf" <<EOF
options { directory "$work/consumer"; pid-file "$work/consumer/named.pid"; session-keyfile "$work/consumer/session.key";
  managed-keys-directory "$work/consumer"; listen-on port $consumer { 127.0.0.1; }; listen-on-v6 { none; };
  recursion no; allow-query { any; }; dnssec-validation no; allow-new-zones yes;
  catalog-zones { zone "catalog.bench" default-primaries { 127.0.0.1 port $primary key "bench-key"; }; }; };
controls { };
include "$work/key.conf";
zone "catalog.bench" { type secondary; file "catalog.db"; primaries { 127.0.0.1 port $primary key "bench-key"; }; };
EOF
named -g -c "$work/consumer/named.conf" >"$work/consumer/named.log" 2>&1 &
pids+=($!)
consumer_start=$(now)
served=()
for wait_s in $waits; do
  while [ "$(echo "$(now) - $consumer_start < $wait_s" | bc)" = 1 ]; do sleep 1; done
  served+=("$(find "$work/consumer" -maxdepth 1 -name '__catz__*.db' | wc -l)")
done

# --- 3. OVH fake: 50 ms latency, paced at 20 requests/s ------------------------------------------
mkdir -p "$work/ovh-zones"
for i in $(seq 1 "$ovh_zones"); do : >"$work/ovh-zones/o$i.test.db"; done
jdk=$("$root/scripts/find-jdk.sh")
testkit=$(ls "$root"/hostkeep-testkit/target/hostkeep-testkit-*.jar | head -n 1)
coproc FAKE { "$jdk/bin/java" -cp "$testkit" dev.hostkeep.testkit.FakeOvhMain 50 ns-bench.ovh.test; }
pids+=("$FAKE_PID")
read -r _ url ak as ck <&"${FAKE[0]}"
printf '%s' "$as" >"$work/ovh-as"
printf '%s' "$ck" >"$work/ovh-ck"
chmod 600 "$work/ovh-as" "$work/ovh-ck"
cat >"$work/ovh.yaml" <<EOF
state: sqlite:$work/ovh-state.db
providers:
  ovh:
    type: ovh
    endpoint: $url
    application_key: $ak
    application_secret: '\${file:$work/ovh-as}'
    consumer_key: '\${file:$work/ovh-ck}'
    pace: 50ms
secondary:
  - name: ovh
    source:
      zone_dir: $work/ovh-zones
    targets:
      - { provider: ovh, service: ns-bench.ovh.test }
EOF
chmod 600 "$work/ovh.yaml"
start=$(now)
"$hostkeep" -q -c "$work/ovh.yaml" secondary sync >/dev/null
ovh_s=$(echo "$(now) - $start" | bc)
echo count >&"${FAKE[1]}"
read -r requests <&"${FAKE[0]}"
echo "domains ns-bench.ovh.test" >&"${FAKE[1]}"
read -r ovh_served <&"${FAKE[0]}"
bound=$(echo "scale=3; $requests / 20" | bc)

ratio() { echo "scale=2; $1 / $2" | bc; }
hk_net=$(echo "$hostkeep_s - $version" | bc)
echo
echo "secondary benchmarks ($(nproc) cores; hostkeep version = ${version}s; catalog rows: medians of $runs runs)"
printf '| %-58s | %12s | %10s | %8s |\n' "measurement" "value" "ratio" "target"
printf '|%s|%s|%s|%s|\n' "------------------------------------------------------------" "--------------" "------------" "----------"
printf '| %-58s | %11.3fs | %10s | %8s |\n' "nsupdate, $zones PTRs from a batch file" "$nsupdate_s" "1.00x" ""
printf '| %-58s | %11.3fs | %9sx | %8s |\n' "hostkeep secondary sync, $zones zones, minus version" "$hk_net" "$(ratio "$hk_net" "$nsupdate_s")" "<= 2"
printf '| %-58s | %12s | %10s | %8s |\n' "catalog members on the primary after sync" "$members" "" "$zones"
i=0
for wait_s in $waits; do
  printf '| %-58s | %12s | %10s | %8s |\n' "zones a BIND consumer serves after ${wait_s}s" "${served[$i]}" "" "report"
  i=$((i + 1))
done
printf '| %-58s | %11.3fs | %9sx | %8s |\n' "soft run, nothing to do, $zones zones (vs version)" "$soft" "$(ratio "$soft" "$version")" "<= 1.5"
printf '| %-58s | %12s | %10s | %8s |\n' "OVH requests for $ovh_zones zones (served: $ovh_served)" "$requests" "" "1 + $ovh_zones"
printf '| %-58s | %11.3fs | %9sx | %8s |\n' "OVH sync at 20 req/s, 50 ms latency (vs requests/rate)" "$ovh_s" "$(ratio "$ovh_s" "$bound")" "<= 1.1"
