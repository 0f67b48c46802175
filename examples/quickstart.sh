#!/bin/sh
# Quick start: installs the release archive the build made, as a user would (unpack, put on PATH), then
# deploys the bundled example app to a directory on this machine, twice, and rolls back.
# Needs only the JDK, Maven (for the build) and git. Run from anywhere after `mvn -q package -DskipTests`.
# Everything happens in a new directory of its own (QUICKSTART_DIR, which must not exist yet, or a fresh
# mktemp one); nothing outside it is written or deleted.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
if [ -n "${QUICKSTART_DIR:-}" ]; then
  mkdir "$QUICKSTART_DIR" || { echo "quickstart: $QUICKSTART_DIR exists; give a new directory" >&2; exit 2; }
  work=$(cd "$QUICKSTART_DIR" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/capstan-quickstart.XXXXXX")
fi
release=$(ls "$top"/capstan-cli/target/capstan-*.tar.gz 2>/dev/null | head -n 1)
if [ -z "$release" ]; then
  echo "quickstart: no release archive in capstan-cli/target; build it with: mvn -q package -DskipTests" >&2
  exit 2
fi
export HELLO_REPO="$work/hello.git"
export HELLO_DEPLOY_TO="$work/srv/hello"
git_as_example() { git -c user.name=Example -c user.email=example@example.com -c init.defaultBranch=main "$@"; }

echo "==> installing $(basename "$release") into $work and putting it on PATH"
tar -xzf "$release" -C "$work"
PATH="$(echo "$work"/capstan-*/bin):$PATH"
export PATH
echo "==> making a git repository of the example app in $HELLO_REPO"
cp -R "$here/hello/app" "$HELLO_REPO"
git_as_example -C "$HELLO_REPO" init -q
git_as_example -C "$HELLO_REPO" add -A
git_as_example -C "$HELLO_REPO" commit -q -m "Version 1"

# the example project (Capfile, config/, lib/), copied so its log/ is written here too
mkdir "$work/project"
cp -R "$here/hello/Capfile" "$here/hello/config" "$here/hello/lib" "$work/project/"
cd "$work/project"
echo "==> first deploy"
capstan local deploy
echo "current -> $(readlink "$HELLO_DEPLOY_TO/current")  (revision $(cat "$HELLO_DEPLOY_TO/current/REVISION"))"

echo "==> second deploy of a new commit"
sleep 1   # release names are per-second UTC timestamps
sed -i 's/Version: 1/Version: 2/' "$HELLO_REPO/public/index.html"
git_as_example -C "$HELLO_REPO" commit -q -am "Version 2"
capstan local deploy
echo "current -> $(readlink "$HELLO_DEPLOY_TO/current")  (revision $(cat "$HELLO_DEPLOY_TO/current/REVISION"))"

echo "==> rollback"
capstan local deploy:rollback
echo "current -> $(readlink "$HELLO_DEPLOY_TO/current")  ($(grep Version "$HELLO_DEPLOY_TO/current/public/index.html"))"
capstan local deploy:status
echo "==> revisions.log"
cat "$HELLO_DEPLOY_TO/revisions.log"
echo "==> done; everything is in $work (remove it when you like)"
