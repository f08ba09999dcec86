# Sourced by run_app.sh for the grants e2e: $HOME (WORK/home) with a folder to pick (files, a
# subfolder, a denied folder), a file outside it, folders whose names are glob metacharacters next
# to siblings they must not reach, two images, and a log file in the app's host-private $APPLOG.
# GRANTS=off: the same app without plugins.grant-probe.grants.
H="$WORK/home"
LOGS="$WORK/data/dev.warden.e2e.grants/logs"
mkdir -p "$H/picked/sub" "$H/picked/denied" "$H/outside" "$H/pics" "$H/gallery/denied" "$LOGS" "$WORK/config" "$WORK/cache"
printf 'picked a' >"$H/picked/a.txt"
printf 'picked b' >"$H/picked/sub/b.txt"
printf 'denied' >"$H/picked/denied/d.txt"
printf 'secret' >"$H/outside/secret.txt"
printf 'host log' >"$LOGS/host.log"
printf 'app data' >"$WORK/data/dev.warden.e2e.grants/data.txt"
# name of the folder picked | a sibling it must not reach
for pair in 'star/*|star/other' 'class/[a]|class/a' 'globstar/**|globstar/x/y' 'braces/{a,b}|braces/a' \
            'question/?|question/q' 'negated/[!a]|negated/b'; do
  picked=${pair%%|*} sibling=${pair##*|}
  mkdir -p "$H/meta/$picked" "$H/meta/$sibling"
  printf 'inside' >"$H/meta/$picked/in.txt"
  printf 'sibling' >"$H/meta/$sibling/in.txt"
done
# 1x1 PNGs
python3 - "$H/pics" <<'PY'
import base64, sys
png = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==')
for name in ('granted.png', 'other.png', '../gallery/ok.png', '../gallery/denied/no.png'):
    open(sys.argv[1] + '/' + name, 'wb').write(png)
PY
substitute @HOME@ "$H"
substitute @APPLOG@ "$LOGS"
if [ "${GRANTS:-on}" = off ]; then
  python3 - "$APP/warden.conf.json" <<'PY'
import re, sys
p = sys.argv[1]
text = open(p).read()
out = re.sub(r'"grants": \[[^\]]*\]', '"note": "no grants key"', text)
if out == text:
    sys.exit('setup.sh: plugins.grant-probe.grants not found in ' + p)
open(p, 'w').write(out)
PY
  substitute @GRANTS@ off
else
  substitute @GRANTS@ on
fi
mkdir -p "$H/pool" && printf 'from the pool' >"$H/pool/p.txt"
