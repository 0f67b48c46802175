#!/bin/sh
# Remote-layer benchmark: per-command overhead vs OpenSSH ControlMaster, and 200 hosts x 20 commands.
# Prints figures and writes bench/remote/RESULTS.md. Run from the repository root:  bench/remote/run.sh
# (root + openssh-server give the OpenSSH comparison; -Dbench.hosts=N changes the fleet size)
set -e
cd "$(dirname "$0")/../.."
mvn -q -o -B -pl capstan-core -am test-compile
mvn -q -o -B -pl capstan-core dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
CP="capstan-core/target/classes:capstan-core/target/test-classes:$(cat capstan-core/target/bench-cp.txt)"
exec java ${BENCH_JAVA_OPTS} -cp "$CP" dev.capstan.remote.backend.ssh.RemoteBench all bench/remote/RESULTS.md
