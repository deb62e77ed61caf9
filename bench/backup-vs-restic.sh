#!/usr/bin/env bash
# Backup benchmark: hostkeep's repository engine against restic (and borg when installed) on the
# same generated data, local repositories, one run each, printed as a table of ratios
# (hostkeep / restic) with the targets the engine is held to:
#   first backup wall time <= 0.5, second backup after 2 % of the files changed <= 0.6,
#   repository size after both <= 1.0, restore of the latest snapshot <= 0.6, peak RSS of the
#   first backup <= 2.0.
# Also prints `tar -cf - DATA | zstd -1` as a rough single-core ceiling and hostkeep's first-backup
# throughput as a share of it, and each run's CPU time: divided by the cores, the least wall time
# that run could take however well it used them.
# Usage: bench/backup-vs-restic.sh   (env: SCALE=1.0 is ~2 GiB; SCALE=0.1 for a quick run)
# Needs: restic, zstd, python3, bc, /usr/bin/time (GNU time); borgbackup optional.
set -euo pipefail
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
name=backup-vs-restic.sh
. "$root/bench/lib.sh"
scale=${SCALE:-1.0}
require restic zstd python3 bc /usr/bin/time

"$root/hostkeep" version >/dev/null
hostkeep=$(ls -d "$root"/hostkeep-cli/target/hostkeep-*/bin/hostkeep | head -n 1)
data="$work/data"
echo "generating the dataset (scale $scale)..." >&2
python3 "$root/bench/gen-backup-data.py" "$data" "$scale"
bytes=$(du -sb "$data" | cut -f1)
files=$(find "$data" -type f | wc -l)
echo "benchmark password" > "$work/pass"
export RESTIC_PASSWORD_FILE="$work/pass" HOSTKEEP_PASSWORD_FILE="$work/pass"
export RESTIC_CACHE_DIR="$work/restic-cache"

timed() { # label command...: wall seconds into $label.t; user and system CPU seconds and peak RSS
  # (KiB) into $label.rss
  local label=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  cat "$data"/dump.sql "$data"/media/* > /dev/null  # same warm page cache for every tool
  find "$data" -type f -exec cat {} + > /dev/null
  local start end
  start=$(now)
  /usr/bin/time -f "%U %S %M" -o "$work/$label.rss" "$@" > "$work/$label.out" 2> "$work/$label.err" \
    || { echo "$label failed:" >&2; cat "$work/$label.err" >&2; exit 1; }
  end=$(now)
  echo "$end - $start" | bc > "$work/$label.t"
}
t() { printf "%.2f" "$(cat "$work/$1.t")"; }
rss() { echo "$(tail -n 1 "$work/$1.rss" | cut -d' ' -f3) / 1024" | bc; }
cpu() { tail -n 1 "$work/$1.rss" | awk '{ printf "%.1f", $1 + $2 }'; }
# The least wall time a run's CPU time allows on this machine's cores, against the target's
# wall time: a run whose CPU time divided by the cores exceeds the target cannot meet it.
least() { printf "%.2f" "$(echo "scale=4; $(cpu "$1") / $(nproc)" | bc)"; }
goal() { printf "%.2f" "$(echo "scale=4; $(cat "$work/$1.t") * $2" | bc)"; }
size() { du -sb "$1" | cut -f1; }

restic -r "$work/restic" init >/dev/null
"$hostkeep" repo init -r "$work/hostkeep" >/dev/null

timed restic1 restic -r "$work/restic" backup "$data"
timed hostkeep1 "$hostkeep" repo backup -r "$work/hostkeep" "$data"

# 2 % of the files change: rewritten with new content, sizes kept roughly.
python3 - "$data" <<'PY'
import os, random, sys
rng = random.Random(7)
paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs)
for p in rng.sample(paths, max(1, len(paths) // 50)):
    size = os.path.getsize(p)
    with open(p, "r+b") as f:
        f.seek(rng.randrange(max(1, size)))
        f.write(rng.randbytes(min(4096, max(1, size // 10))))
PY
timed restic2 restic -r "$work/restic" backup "$data"
timed hostkeep2 "$hostkeep" repo backup -r "$work/hostkeep" "$data"

timed restic3 restic -r "$work/restic" restore latest --target "$work/restore-restic"
timed hostkeep3 "$hostkeep" repo restore latest -r "$work/hostkeep" --target "$work/restore-hostkeep"
diff -r "$data" "$work/restore-hostkeep$data" > /dev/null || { echo "hostkeep's restore differs" >&2; exit 1; }

start=$(now); tar -cf - -C "$data" . | zstd -1 -q > /dev/null; end=$(now)
tarzstd=$(echo "$end - $start" | bc)

borg_line=""
if command -v borg >/dev/null; then
  export BORG_PASSPHRASE="benchmark password" BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes
  borg init -e repokey "$work/borg" >/dev/null 2>&1
  timed borg1 borg create --compression zstd,3 "$work/borg::first" "$data"
  borg_line="| first backup: borg 1.2 | $(t borg1) s | | |"
fi

mib=$(echo "scale=1; $bytes / 1048576" | bc)
printf '\nDataset: %s files, %s MiB (scale %s); %s cores\n\n' "$files" "$mib" "$scale" "$(nproc)"
echo "| figure | hostkeep | restic 0.14 | ratio (target) |"
echo "|---|---|---|---|"
echo "| first backup wall time | $(t hostkeep1) s | $(t restic1) s | $(ratio "$(t hostkeep1)" "$(t restic1)") (<= 0.5) |"
echo "| second backup, 2 % of files changed | $(t hostkeep2) s | $(t restic2) s | $(ratio "$(t hostkeep2)" "$(t restic2)") (<= 0.6) |"
hs=$(size "$work/hostkeep"); rs=$(size "$work/restic")
echo "| repository size after both | $(echo "$hs / 1048576" | bc) MiB | $(echo "$rs / 1048576" | bc) MiB | $(ratio "$hs" "$rs") (<= 1.0) |"
echo "| restore of the latest snapshot | $(t hostkeep3) s | $(t restic3) s | $(ratio "$(t hostkeep3)" "$(t restic3)") (<= 0.6) |"
echo "| peak RSS, first backup | $(rss hostkeep1) MiB | $(rss restic1) MiB | $(ratio "$(rss hostkeep1)" "$(rss restic1)") (<= 2.0) |"
[ -n "$borg_line" ] && echo "$borg_line"
cores=$(nproc)
echo
echo "CPU time (user + system) and what it allows on $cores cores:"
echo
echo "| run | hostkeep CPU | restic CPU | hostkeep CPU ÷ $cores cores | the target's wall time |"
echo "|---|---|---|---|---|"
echo "| first backup | $(cpu hostkeep1) s | $(cpu restic1) s | $(least hostkeep1) s | $(goal restic1 0.5) s |"
echo "| second backup | $(cpu hostkeep2) s | $(cpu restic2) s | $(least hostkeep2) s | $(goal restic2 0.6) s |"
echo "| restore | $(cpu hostkeep3) s | $(cpu restic3) s | $(least hostkeep3) s | $(goal restic3 0.6) s |"
rate=$(echo "scale=1; $bytes / 1048576 / $(t hostkeep1)" | bc)
ceiling=$(echo "scale=1; $bytes / 1048576 / $tarzstd" | bc)
echo
echo "tar -cf - DATA | zstd -1 (one core): $(printf "%.2f" "$tarzstd") s, $ceiling MiB/s"
echo "hostkeep first backup: $rate MiB/s = $(ratio "$rate" "$ceiling") of that"
