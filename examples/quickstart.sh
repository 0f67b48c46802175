#!/bin/sh
# Quick start: deploys the bundled example app to a directory on this machine, twice, then rolls back.
# Needs only the JDK, Maven (for the build) and git. Run from anywhere after `mvn -q package -DskipTests`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
work=${QUICKSTART_DIR:-/tmp/capstan-quickstart}
export HELLO_REPO="$work/hello.git"
export HELLO_DEPLOY_TO="$work/srv/hello"
capstan="$top/bin/capstan"
git_as_example() { git -c user.name=Example -c user.email=example@example.com -c init.defaultBranch=main "$@"; }

rm -rf "$work" && mkdir -p "$work"
echo "==> making a git repository of the example app in $HELLO_REPO"
cp -R "$here/hello/app" "$HELLO_REPO"
git_as_example -C "$HELLO_REPO" init -q
git_as_example -C "$HELLO_REPO" add -A
git_as_example -C "$HELLO_REPO" commit -q -m "Version 1"

cd "$here/hello"
echo "==> first deploy"
"$capstan" local deploy
echo "current -> $(readlink "$HELLO_DEPLOY_TO/current")  (revision $(cat "$HELLO_DEPLOY_TO/current/REVISION"))"

echo "==> second deploy of a new commit"
sleep 1   # release names are per-second UTC timestamps
sed -i 's/Version: 1/Version: 2/' "$HELLO_REPO/public/index.html"
git_as_example -C "$HELLO_REPO" commit -q -am "Version 2"
"$capstan" local deploy
echo "current -> $(readlink "$HELLO_DEPLOY_TO/current")  (revision $(cat "$HELLO_DEPLOY_TO/current/REVISION"))"

echo "==> rollback"
"$capstan" local deploy:rollback
echo "current -> $(readlink "$HELLO_DEPLOY_TO/current")  ($(grep Version "$HELLO_DEPLOY_TO/current/public/index.html"))"
"$capstan" local deploy:status
echo "==> revisions.log"
cat "$HELLO_DEPLOY_TO/revisions.log"
