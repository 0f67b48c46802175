#!/bin/sh
# Artifact deploys of a 50 MB .tgz to real sshd fleets (FLEETS=10,30) in both transfer modes, beside a git deploy
# of the same fleet: wall time, bytes sent by the deploying machine, sessions per host. Needs root and Debian's
# openssh-server and git, like bench/compare.sh. Writes bench/ARTIFACT-RESULTS.md.
set -eu
cd "$(dirname "$0")/.."
mvn -q -B package -DskipTests
mvn -q -B -Pe2e -pl capstan-e2e -am test -Dtest=ArtifactBench -Dcapstan.bench.artifact=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcapstan.bench.fleets="${FLEETS:-10,30}" -Dcapstan.bench.artifact.mb="${MB:-50}"
cat bench/ARTIFACT-RESULTS.md
