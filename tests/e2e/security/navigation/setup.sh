# Sourced by run_app.sh for the navigation attacks: the shell plugin's library (SHELL_LIBRARY,
# --var) named in the app config, a child that ticks until it is ended, and a script that says
# whether it was.
mkdir -p "$WORK/pids"
cat >"$WORK/ticker.sh" <<SCRIPT
#!/bin/sh
echo \$\$ > "$WORK/pids/\$1.pid"
i=0
while :; do i=\$((i + 1)); echo "tick \$1 \$i"; sleep 0.1; done
SCRIPT
# gone.sh NAME: waits for child NAME's pid file, then at most 15 s for that process to end (its
# page navigates away about a second after starting it). Exit 0 when it ended, 1 when it still runs.
cat >"$WORK/gone.sh" <<SCRIPT
#!/bin/sh
f="$WORK/pids/\$1.pid"
i=0
while [ ! -s "\$f" ] && [ \$i -lt 600 ]; do sleep 0.1; i=\$((i + 1)); done
[ -s "\$f" ] || { echo "child \$1 never started"; exit 2; }
pid=\$(cat "\$f")
i=0
while kill -0 "\$pid" 2>/dev/null && [ \$i -lt 150 ]; do sleep 0.1; i=\$((i + 1)); done
if kill -0 "\$pid" 2>/dev/null; then echo "child \$1 (pid \$pid) still runs 15 s after it started"; exit 1; fi
echo "child \$1 (pid \$pid) ended"
SCRIPT
chmod 755 "$WORK/ticker.sh" "$WORK/gone.sh"
substitute @SHELL_LIBRARY@ "$(realpath "$SHELL_LIBRARY")"
