# Sourced by run_app.sh for the opener e2e. Builds the run's own desktop in WORK/xdg, as a user's
# session has one: XDG_DATA_HOME/applications holds two real .desktop handlers (Exec: a script
# that appends its arguments to WORK/handled-<name>.txt), validated by desktop-file-validate and
# indexed by update-desktop-database, and XDG_CONFIG_HOME/mimeapps.list, written by xdg-mime,
# makes warden-e2e-handler the default for https:, mailto:, text/plain and folders. The host runs with
# those two variables (the --env of CMakeLists.txt) on a bus of its own (../under_session_bus.sh inside
# dbus-run-session) where file_manager_service.py owns org.freedesktop.FileManager1. Then the
# files the page opens: WORK/docs (in the scope), WORK/outside (not), a symlink from one to the
# other, an executable and a .desktop launcher. opener_driver.py tells the page what the handlers
# and the file manager received.
HERE_OPENER="$E2E/opener"
e2e_require_tools "opener e2e (setup.sh)" dbus-run-session dbus-send xdg-mime update-desktop-database \
  desktop-file-validate /usr/bin/python3
e2e_require_gi "opener e2e" Gio 2.0

XDG_DATA="$WORK/xdg/data" XDG_CONFIG="$WORK/xdg/config"
mkdir -p "$XDG_DATA/applications" "$XDG_CONFIG"

# handler NAME: a script that records its arguments, and the .desktop file that runs it.
make_handler() {
  local name=$1 mime=$2
  cat >"$WORK/handler-$name.sh" <<SCRIPT
#!/bin/sh
# The opener e2e's $name handler: one line per launch, its arguments separated by tabs.
printf '%s' "\$1" >>"$WORK/handled-$name.txt"
shift
for a in "\$@"; do printf '\t%s' "\$a" >>"$WORK/handled-$name.txt"; done
printf '\n' >>"$WORK/handled-$name.txt"
SCRIPT
  chmod +x "$WORK/handler-$name.sh"
  : >"$WORK/handled-$name.txt"
  cat >"$XDG_DATA/applications/warden-e2e-$name.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Warden e2e $name handler
Exec=$WORK/handler-$name.sh %u
MimeType=$mime
NoDisplay=true
DESKTOP
  desktop-file-validate "$XDG_DATA/applications/warden-e2e-$name.desktop" ||
    { echo "opener e2e: warden-e2e-$name.desktop is not a valid desktop file" >&2; exit 1; }
}
make_handler handler "x-scheme-handler/https;x-scheme-handler/mailto;text/plain;inode/directory;"
make_handler other "x-scheme-handler/https;text/plain;"
update-desktop-database "$XDG_DATA/applications"
for mime in x-scheme-handler/https x-scheme-handler/mailto text/plain inode/directory; do
  XDG_DATA_HOME="$XDG_DATA" XDG_CONFIG_HOME="$XDG_CONFIG" xdg-mime default warden-e2e-handler.desktop "$mime"
  got=$(XDG_DATA_HOME="$XDG_DATA" XDG_CONFIG_HOME="$XDG_CONFIG" xdg-mime query default "$mime")
  [ "$got" = warden-e2e-handler.desktop ] ||
    { echo "opener e2e: xdg-mime made '$got' the default for $mime, not warden-e2e-handler.desktop" >&2; exit 1; }
done

# What the page opens.
mkdir -p "$WORK/docs/other" "$WORK/docs/tools" "$WORK/docs/private" "$WORK/outside"
echo "a note" >"$WORK/docs/note.txt"
echo "a note opened as a file: URL" >"$WORK/docs/url-note.txt"
echo "another note" >"$WORK/docs/other/second.txt"
echo "secret" >"$WORK/outside/secret.txt"
echo "private" >"$WORK/docs/private/hidden.txt"
ln -s "$WORK/outside/secret.txt" "$WORK/docs/escape.txt"
printf '#!/bin/sh\necho ran >"%s/ran-executable.txt"\n' "$WORK" >"$WORK/docs/run.sh"
chmod +x "$WORK/docs/run.sh"
cp "$WORK/docs/run.sh" "$WORK/docs/tools/allowed.sh"
printf '[Desktop Entry]\nType=Application\nName=launcher\nExec=touch %s/ran-launcher.txt\n' "$WORK" \
  >"$WORK/docs/launcher.desktop"
: >"$WORK/shown.jsonl"

# The run's bus activates no service of this system (a file manager installed here could
# otherwise be started for FileManager1 once the test's own service has stopped): its only
# service folder is an empty one of the run's.
mkdir -p "$WORK/dbus-services"
cat >"$WORK/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <servicedir>$WORK/dbus-services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

e2e_start_driver "opener e2e" "$HERE_OPENER/opener_driver.py" opener-driver
# The file manager's pid: opener_driver.py stops it for the fallback scenario.
e2e_wrap_host "$E2E/under_session_bus.sh" "dbus-run-session --config-file=$WORK/session.conf --" \
  --owns org.freedesktop.FileManager1 --log file-manager.log --pid-file file-manager.pid \
  /usr/bin/python3 "$HERE_OPENER/file_manager_service.py" "$WORK/shown.jsonl" --
substitute @OPENER_LIBRARY@ "$(realpath "$OPENER_LIBRARY")"
