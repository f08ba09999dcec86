# Sourced by run_app.sh for the dialog e2e: the files the user picks (WORK/files), the user
# (dialog_driver.py, an HTTP server the page asks to press keys in the GTK dialogs with xdotool)
# and the host run under openbox (tests/e2e/windows/under_openbox.sh, inside xvfb-run).
# GRANTS (--var): "fs-asset" lets the dialog plugin grant what the user picks (plugins.dialog.grants);
# "none" leaves the key out, and the page expects nothing granted.
HERE_DIALOG="$E2E/dialog"
e2e_require_tools "dialog e2e (setup.sh)" openbox wmctrl xdotool xprop /usr/bin/python3
case "${GRANTS:-}" in
  fs-asset) substitute @DIALOG_CONFIG@ '{ "grants": ["fs", "asset"] }' ;;
  none) substitute @DIALOG_CONFIG@ '{}' ;;
  *) echo "dialog e2e: --var GRANTS=fs-asset|none is required" >&2; exit 2 ;;
esac
substitute @GRANTS@ "$GRANTS"
files="$WORK/files"
mkdir -p "$files/picked/sub" "$files/images" "$files/multi" "$files/saved"
echo "inside the picked folder" >"$files/picked/inside.txt"
echo "below the picked folder" >"$files/picked/sub/deep.txt"
echo "beside the picked folder" >"$files/outside.txt"
mkdir -p "$files/shallow/sub"
echo "an entry of the folder" >"$files/shallow/top.txt"
echo "below the folder" >"$files/shallow/sub/deep.txt"
echo "first of two" >"$files/multi/a.txt"
echo "second of two" >"$files/multi/b.txt"
cp "$E2E/menus/app/icons/red.png" "$files/images/red.png"
cp "$E2E/menus/app/icons/red.png" "$files/beside.png"
# A file whose name is not UTF-8, alone in its folder: the page cannot receive its path.
mkdir -p "$files/bad"
: >"$files/bad/$(printf 'bad-\xff\xfe.txt')"
# The host-private log folder ($APPLOG with --data: XDG_DATA_HOME is WORK/data): a user may pick
# it, nothing grants it.
mkdir -p "$WORK/data/dev.warden.e2e.dialog/logs"
echo "host-private" >"$WORK/data/dev.warden.e2e.dialog/logs/private.txt"
rm -f "$WORK/x-display"
e2e_start_driver "dialog e2e" "$HERE_DIALOG/dialog_driver.py" dialog-driver
e2e_wrap_host "$E2E/windows/under_openbox.sh"
