# Sourced by run_app.sh for the navigation allowlist: the navigation script in the app and the
# remote site, and the other origin's address for check_navigation.py.
here=$(dirname "${BASH_SOURCE[0]}")
cp "$here/nav.js" "$here/app.js" "$APP/frontend/"
cp "$here/nav.js" "$WORK/remote/"
echo "http://127.0.0.1:$(cat "$WORK/other.port")" >"$WORK/other_base"
