# Sourced by run_app.sh for the scope-error probes: a readable note and a secret beside it.
mkdir -p "$WORK/home/allowed/secret"
printf 'readable\n' >"$WORK/home/allowed/note.txt"
printf 'do not tell\n' >"$WORK/home/allowed/secret/key.txt"
