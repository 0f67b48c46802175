#!/bin/sh
# The services example: deploys the Rack app in app/ under a real unicorn master on this machine, changes it and
# deploys again (unicorn is upgraded with USR2, verified by the health check, then the old master gets QUIT), deploys a
# release that fails at boot (the rollout stops, the host goes back to the previous release), shows service:status,
# and stops unicorn. Needs the build (mvn -q package -DskipTests), git, curl and unicorn (apt-get install unicorn).
# Everything happens in a new directory of its own (SERVICES_DIR, or a fresh mktemp one).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
command -v unicorn >/dev/null || { echo "services example: unicorn is not installed (apt-get install unicorn)" >&2; exit 2; }
work=${SERVICES_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/capstan-services.XXXXXX")}
mkdir -p "$work"
export SERVICES_REPO="$work/app.git" SERVICES_DEPLOY_TO="$work/srv/hello" SERVICES_PORT="${SERVICES_PORT:-8089}"
capstan() { "$top/bin/capstan" "$@"; }
commit() { git -c user.name=Example -c user.email=example@example.com -C "$SERVICES_REPO" commit -q -am "$1"; }

cp -R "$here/app" "$SERVICES_REPO"
git -c init.defaultBranch=main -C "$SERVICES_REPO" init -q && git -C "$SERVICES_REPO" add -A && commit "Version 1"
mkdir -p "$work/project" && cp -R "$here/Capfile" "$here/config" "$work/project/" && cd "$work/project"
trap 'capstan local service:web:stop >/dev/null 2>&1 || true' EXIT

echo "==> first deploy: unicorn starts from current/"
capstan local deploy
curl -s "http://127.0.0.1:$SERVICES_PORT/up"
echo "==> second deploy: USR2, the new master verified, QUIT to the old one"
sed -i 's/Hello/Hello again/' "$SERVICES_REPO/config.ru" && commit "Version 2"
capstan local deploy
curl -s "http://127.0.0.1:$SERVICES_PORT/up"
echo "==> a release that fails at boot: the restart is not verified, the host goes back (this deploy fails on purpose)"
sed -i '1i raise "broken"' "$SERVICES_REPO/config.ru" && commit "Broken"
if capstan local deploy; then echo "services example: the broken deploy succeeded?" >&2; exit 1; fi
curl -s "http://127.0.0.1:$SERVICES_PORT/up"
capstan local service:status
echo "==> done; the example lives in $work"
