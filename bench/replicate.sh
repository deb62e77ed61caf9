#!/usr/bin/env bash
# Benchmarks of `hostkeep replicate` on this machine, printed as a table:
#  1. Initial sync of ZONES zones (default 1,000) x 50 records from a real BIND primary into an empty
#     real PowerDNS: hostkeep's `replicate sync` against a plain script that, per zone, runs `dig AXFR`
#     and one `curl` that creates the zone with its RRsets (sequential, no diffing, no state). Each writes
#     into its own PowerDNS. Target ratio <= 1.0. The API requests hostkeep made are counted from
#     PowerDNS's webserver log (target: one read and one write per zone).
#  2. NOTIFY-to-served latency: CHANGES (default 100) single-record updates on the BIND primary (nsupdate);
#     for each, the time until PowerDNS answers the new record, with `hostkeep replicate listen` running.
#     Median and p95; the primary's own NOTIFY delay (update until hostkeep logs the NOTIFY) separately.
#     Target median <= 500 ms after the NOTIFY.
# Usage: bench/replicate.sh   (env: ZONES, CHANGES)
# Needs: bind9 (named, nsupdate, dig, tsig-keygen), pdns-server, pdns-backend-sqlite3, sqlite3, curl, bc.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
name=replicate.sh
. "$root/bench/lib.sh"
zones=${ZONES:-1000}
changes=${CHANGES:-100}
require named nsupdate dig tsig-keygen pdns_server sqlite3 curl bc
schema=/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql

"$root/hostkeep" version >/dev/null
hostkeep=$(ls -d "$root"/hostkeep-cli/target/hostkeep-*/bin/hostkeep | head -n 1)

await() { # name type port [server-tsig]: until the server answers something
  for _ in $(seq 1 600); do
    dig +short +norec +time=1 +tries=1 -p "$3" @127.0.0.1 "$1" "$2" | grep -q . && return 0
    sleep 0.1
  done
  echo "$name: $1 $2 not served on port $3" >&2
  return 1
}

# --- a BIND primary with ZONES zones of 50 records ------------------------------------------------
primary=$(free_port)
listener=$(free_port)
mkdir -p "$work/primary/zones"
tsig-keygen -a hmac-sha256 bench-key >"$work/key.conf"
secret=$(sed -n 's/.*secret "\(.*\)";.*/\1/p' "$work/key.conf")
printf '%s' "$secret" >"$work/key.secret"
chmod 600 "$work/key.secret"
{
  printf '$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 300\n@ NS ns1\n@ MX 10 mail\n'
  printf '@ TXT "v=spf1 mx -all"\nns1 A 192.0.2.1\nmail A 192.0.2.2\n'
  for i in $(seq 1 44); do printf 'host%d A 192.0.2.%d\n' "$i" "$((i + 10))"; done
  printf 'www CNAME host1\n'
} >"$work/template.db"
{
  cat <<EOF
options { directory "$work/primary"; pid-file "$work/primary/named.pid"; session-keyfile "$work/primary/session.key";
  managed-keys-directory "$work/primary"; listen-on port $primary { 127.0.0.1; }; listen-on-v6 { none; };
  recursion no; allow-query { any; }; allow-transfer { key "bench-key"; }; dnssec-validation no;
  notify no; transfers-out 100; };
controls { };
include "$work/key.conf";
zone "z1.bench" { type primary; file "zones/z1.bench.db"; update-policy { grant bench-key zonesub ANY; };
  notify explicit; notify-delay 0; also-notify { 127.0.0.1 port $listener; }; };
EOF
  for i in $(seq 2 "$zones"); do
    printf 'zone "z%d.bench" { type primary; file "zones/z%d.bench.db"; };\n' "$i" "$i"
  done
} >"$work/primary/named.conf"
for i in $(seq 1 "$zones"); do cp "$work/template.db" "$work/primary/zones/z$i.bench.db"; done
named -g -c "$work/primary/named.conf" >"$work/primary/named.log" 2>&1 &
pids+=($!)
await "z$zones.bench" SOA "$primary"

# --- two empty PowerDNS servers: one for the script, one for hostkeep -----------------------------
pdns() { # dir -> "dnsport webport"
  local dir=$1 dns web
  dns=$(free_port); web=$(free_port)
  mkdir -p "$dir"
  sqlite3 "$dir/pdns.sqlite3" ".read $schema"
  cat >"$dir/pdns.conf" <<EOF
launch=gsqlite3
gsqlite3-database=$dir/pdns.sqlite3
local-address=127.0.0.1
local-port=$dns
socket-dir=$dir
daemon=no
guardian=no
disable-syslog=yes
loglevel=6
webserver=yes
webserver-address=127.0.0.1
webserver-port=$web
webserver-allow-from=127.0.0.0/8
webserver-loglevel=normal
api=yes
api-key=bench-api-key
security-poll-suffix=
cache-ttl=0
negquery-cache-ttl=0
query-cache-ttl=0
zone-cache-refresh-interval=0
EOF
  pdns_server --config-dir="$dir" >"$dir/pdns.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    curl -fs -H 'X-API-Key: bench-api-key' "http://127.0.0.1:$web/api/v1/servers/localhost" >/dev/null && break
    sleep 0.1
  done
  echo "$dns $web"
}
read -r peer_dns peer_web < <(pdns "$work/pdns-peer")
read -r hk_dns hk_web < <(pdns "$work/pdns-hostkeep")

# --- 1a. the plain script: dig AXFR + one curl per zone -------------------------------------------
cat >"$work/peer.sh" <<'EOF'
#!/usr/bin/env bash
# per zone: transfer it, group the records into RRsets (SOA left to PowerDNS), create it in one request
set -euo pipefail
port=$1 key=$2 web=$3 zones=$4
for i in $(seq 1 "$zones"); do
  zone="z$i.bench."
  dig +noall +answer -p "$port" @127.0.0.1 -y "hmac-sha256:bench-key:$key" "$zone" AXFR |
    awk -v zone="$zone" '
      $4 == "SOA" { next }
      { k = $1 " " $4; c = ""; for (f = 5; f <= NF; f++) c = c (f > 5 ? " " : "") $f
        gsub(/\\/, "\\\\", c); gsub(/"/, "\\\"", c)
        if (!(k in ttl)) { order[n++] = k; ttl[k] = $2; name[k] = $1; type[k] = $4 }
        sep = (k in recs) ? "," : ""
        recs[k] = recs[k] sep "{\"content\":\"" c "\",\"disabled\":false}" }
      END { printf "{\"name\":\"%s\",\"kind\":\"Native\",\"nameservers\":[],\"rrsets\":[", zone
            for (j = 0; j < n; j++) { k = order[j]
              printf "%s{\"name\":\"%s\",\"type\":\"%s\",\"ttl\":%s,\"records\":[%s]}", (j ? "," : ""), name[k], type[k], ttl[k], recs[k] }
            print "]}" }' |
    curl --fail-with-body -sS -o /dev/null -X POST -H 'X-API-Key: bench-api-key' -H 'Content-Type: application/json' \
      --data-binary @- "http://127.0.0.1:$web/api/v1/servers/localhost/zones"
done
EOF
chmod +x "$work/peer.sh"
start=$(now)
"$work/peer.sh" "$primary" "$secret" "$peer_web" "$zones"
peer_s=$(echo "$(now) - $start" | bc)
await "host44.z$zones.bench" A "$peer_dns"

# --- 1b. hostkeep replicate sync --------------------------------------------------------------------
{
  cat <<EOF
state: sqlite:$work/state.db
guard: { max_share: 100%, min_changes: 100000 }
providers:
  panel:
    type: rfc2136
    server: 127.0.0.1:$primary
    key_name: bench-key
    key_secret: '\${file:$work/key.secret}'
  central:
    type: powerdns
    url: http://127.0.0.1:$hk_web
    api_key: bench-api-key
replicate:
  - name: panel
    from: { axfr: panel }
    to: central
    notify: { listen: 127.0.0.1:$listener }
    zones:
EOF
  for i in $(seq 1 "$zones"); do echo "      - z$i.bench"; done
} >"$work/hostkeep.yaml"
chmod 600 "$work/hostkeep.yaml"
log_before=$(grep -c ' /api/v1/' "$work/pdns-hostkeep/pdns.log" || true)
start=$(now)
"$hostkeep" -q -c "$work/hostkeep.yaml" replicate sync >/dev/null
hostkeep_s=$(echo "$(now) - $start" | bc)
await "host44.z$zones.bench" A "$hk_dns"
api() { grep ' /api/v1/' "$work/pdns-hostkeep/pdns.log" | tail -n +"$((log_before + 1))" | grep -c "\"$1 /api" || true; }
gets=$(api GET); posts=$(api POST); patches=$(api PATCH)
served=$(dig +short -p "$hk_dns" @127.0.0.1 "www.z$zones.bench" CNAME)
[ "$served" = "host1.z$zones.bench." ] || { echo "$name: hostkeep's PowerDNS serves '$served' for www.z$zones.bench" >&2; exit 1; }

# --- 2. NOTIFY-to-served latency --------------------------------------------------------------------
"$hostkeep" -v -c "$work/hostkeep.yaml" replicate listen >"$work/listen.out" 2>"$work/listen.log" &
pids+=($!)
for _ in $(seq 1 300); do grep -q 'listening for NOTIFY' "$work/listen.log" && break; sleep 0.1; done
sleep 2 # the start-up reconcile of every zone
: >"$work/latency.txt"
for i in $(seq 1 "$changes"); do
  value="198.51.100.$((i % 250 + 1))"
  printf 'server 127.0.0.1 %s\nzone z1.bench.\nupdate delete change%d.z1.bench. A\nupdate add change%d.z1.bench. 300 A %s\nsend\n' \
    "$primary" "$i" "$i" "$value" >"$work/update.txt"
  before=$(grep -c 'NOTIFY for z1.bench' "$work/listen.log" || true)
  t0=$(date +%s.%N); sod0=$(date +%H:%M:%S.%N)
  nsupdate -y "hmac-sha256:bench-key:$secret" "$work/update.txt"
  until [ "$(dig +short +norec +time=1 +tries=1 -p "$hk_dns" @127.0.0.1 "change$i.z1.bench" A)" = "$value" ]; do :; done
  t1=$(date +%s.%N)
  notified=$(grep 'NOTIFY for z1.bench' "$work/listen.log" | tail -n +"$((before + 1))" | head -n 1 | awk '{ print $1 }')
  echo "$(echo "$t1 - $t0" | bc) $sod0 ${notified:-none}" >>"$work/latency.txt"
done
stats() { # column -> "median p95" in ms
  sort -n | awk '{ v[NR] = $1 } END { m = v[int((NR + 1) / 2)]; p = v[int(NR * 0.95 + 0.5)]; printf "%.0f %.0f\n", m * 1000, p * 1000 }'
}
sod() { awk -F: '{ printf "%.6f\n", $1 * 3600 + $2 * 60 + $3 }' <<<"$1"; }
: >"$work/notify.txt"; : >"$work/after.txt"
while read -r total sod0 notified; do
  [ "$notified" = none ] && continue
  delay=$(echo "$(sod "$notified") - $(sod "$sod0")" | bc)
  echo "$delay" >>"$work/notify.txt"
  echo "$total - $delay" | bc >>"$work/after.txt"
done <"$work/latency.txt"
read -r total_med total_p95 < <(awk '{ print $1 }' "$work/latency.txt" | stats)
read -r notify_med notify_p95 < <(stats <"$work/notify.txt")
read -r after_med after_p95 < <(stats <"$work/after.txt")

printf '\n%-58s %12s %12s %8s %8s\n' "benchmark" "hostkeep" "peer" "ratio" "target"
printf '%-58s %11.2fs %11.2fs %8s %8s\n' "initial sync, $zones zones x 50 records (peer: dig+curl)" \
  "$hostkeep_s" "$peer_s" "$(ratio "$hostkeep_s" "$peer_s")" "<= 1.0"
printf '%-58s %12s\n' "  PowerDNS API requests by hostkeep (GET / POST / PATCH)" "$gets / $posts / $patches"
printf '%-58s %10sms %10sms\n' "update -> served, median / p95 ($changes changes)" "$total_med" "$total_p95"
printf '%-58s %10sms %10sms\n' "  the primary's NOTIFY delay, median / p95" "$notify_med" "$notify_p95"
printf '%-58s %10sms %10sms %8s %8s\n' "  NOTIFY -> served, median / p95" "$after_med" "$after_p95" "" "<= 500ms"
