#!/usr/bin/env bash
# Installs, on Debian 12 / Ubuntu, every program the tests run for real. Needs root. Installing the
# packages starts no service the tests use: each test starts its own throwaway server on loopback.
set -euo pipefail
packages=(
  bind9 bind9-utils bind9-dnsutils         # BIND primary, nsupdate, dig, tsig-keygen
  knot knot-dnsutils                        # Knot secondary / catalog consumer
  pdns-server pdns-backend-sqlite3          # PowerDNS with its SQLite backend
  postgresql                                # initdb/pg_ctl/pg_dump for private instances
  mariadb-server mariadb-client             # mariadbd, mariadb-dump
  openssh-server openssh-client             # sshd, ssh-keygen, ssh-agent
  restic gnupg zstd sqlite3                 # oracles for the backup formats
  python3-aiosmtpd                          # a real SMTP server for e-mail notifications
  borgbackup hyperfine python3 bc           # peers, timing, a local echo service, arithmetic for bench/
)
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: run as root (or with sudo)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${packages[@]}"
# sshd insists on its privilege-separation folder even when started by hand.
mkdir -p /run/sshd
