#!/bin/sh
# Starts a fleet of real sshd hosts (the benchmark's: HOSTS=10, RTT=0 ms added) with a Capstan and a Capistrano
# project deploying to it, and keeps it up for profiling by hand until you stop it. Needs root and Debian's
# openssh-server, git and capistrano, like bench/compare.sh. Then, in another shell:
#   . /tmp/capstan-fleet.env
#   fleet_commit; cd "$CAPSTAN_PROJECT" && time "$CAPSTAN" e2e deploy
#   fleet_commit; cd "$CAP_PROJECT" && time cap e2e deploy
#   touch /tmp/capstan-fleet.env.stop        # stops the fleet
set -eu
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
exec mvn -q -B -Pe2e -pl capstan-e2e -am test -Dtest=StandingFleet -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcapstan.fleet.hold=true -Dcapstan.fleet.hosts="${HOSTS:-10}" -Dcapstan.fleet.rtt="${RTT:-0}"
