#!/bin/sh
# Deploys the same repository to the same real sshd hosts with Capistrano 3.17 and with Capstan, alternately,
# and prints medians and ratios (fresh, update, rollback; 1, 10 and 30 hosts, and 10 hosts at +20 ms RTT through a
# latency shim; FLEETS=1,10,30,10@20 to choose), peak RSS, and SSH connections and
# command channels per host counted from sshd's logs, each tool's own CPU time, and (with perf) where the machine's
# CPU went in one update deploy of each fleet of 10 hosts or more. Writes bench/RESULTS.md. Needs root (it starts
# sshd processes under unshare) and Debian's openssh-server, git, capistrano and linux-perf.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  for pkg in openssh-server git capistrano linux-perf; do
    dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq openssh-server git capistrano linux-perf >/dev/null; break; }
  done
fi
mvn -q -B package -DskipTests
mvn -q -B -Pe2e -pl capstan-e2e -am test -Dtest=CompareBench -Dcapstan.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcapstan.bench.reps="${REPS:-3}" -Dcapstan.bench.fleets="${FLEETS:-1,10,30,10@20}" -Dsurefire.printSummary=true
cat bench/RESULTS.md
