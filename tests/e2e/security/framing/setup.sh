# Sourced by run_app.sh for the framing attacks: the remote pages use the app's probe script.
cp "$APP/frontend/probe.js" "$WORK/remote/probe.js"
