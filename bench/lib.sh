# Shared by the bench scripts: a work folder removed on exit with the processes in `pids`, free
# loopback ports, and hyperfine medians. Source it after setting `name` (for messages).
work=$(mktemp -d "/tmp/hostkeep-bench-${name:-bench}.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

require() { # tool... : exits with a hint when one is missing (sbin included)
  for tool in "$@"; do
    command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
    command -v "$tool" >/dev/null || { echo "${name:-bench}: $tool is missing (scripts/install-test-deps.sh)" >&2; exit 1; }
  done
}
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Hltnu "( sport = :$port )" | grep -q . || { echo "$port"; return; }
  done
}
now() { date +%s.%N; }
median() { # command [runs]: hyperfine's median wall time in seconds
  hyperfine -N --warmup "${warmup:-2}" --runs "${2:-10}" --export-csv "$work/h.csv" "$1" >/dev/null 2>&1
  awk -F, 'NR == 2 { print $4 }' "$work/h.csv"
}
ratio() { printf "%.2f" "$(echo "scale=4; $1 / $2" | bc)"; }
busy() { # CPU time the whole machine has been busy since boot, in seconds: all cores; user, nice,
  # system, irq and softirq time (not idle, I/O wait, or time a hypervisor gave to other guests)
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f\n", ($2 + $3 + $4 + $7 + $8) / hz }' /proc/stat
}
