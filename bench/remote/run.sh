#!/bin/sh
# Remote-layer benchmark: per-command overhead vs OpenSSH ControlMaster, and 200 hosts x 20 commands.
# Prints figures and writes bench/remote/RESULTS.md. Run from anywhere:  bench/remote/run.sh
# (root + openssh-server give the OpenSSH comparison; BENCH_JAVA_OPTS=-Dbench.hosts=N changes the fleet size)
set -e
cd "$(dirname "$0")/../.."
mvn -q -o -B -pl capstan-core -am test-compile
mvn -q -o -B -pl capstan-core dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
# a private copy of the classes, so a rebuild during the run cannot pull them away
CLASSES=$(mktemp -d /tmp/capstan-bench-classes-XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
cp -r capstan-core/target/classes "$CLASSES/main"
cp -r capstan-core/target/test-classes "$CLASSES/test"
CP="$CLASSES/main:$CLASSES/test:$(cat capstan-core/target/bench-cp.txt)"
java ${BENCH_JAVA_OPTS} -cp "$CP" dev.capstan.remote.backend.ssh.RemoteBench all bench/remote/RESULTS.md
