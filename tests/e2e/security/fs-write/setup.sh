# Sourced by run_app.sh for e2e.security.fs-write: $HOME with Documents/ ($DOCUMENT), readonly/
# and scratch/, and examples/file-explorer's capability (EXAMPLE_CAPABILITY, --var) copied
# unchanged: the page attacks with exactly the grant the example ships.
H="$WORK/home"
mkdir -p "$H/Documents" "$H/readonly" "$H/scratch"
printf 'QUARTERLY REPORT\n' >"$H/Documents/report.txt"
printf 'READ ONLY DATA\n' >"$H/readonly/data.txt"
cp "$EXAMPLE_CAPABILITY" "$APP/capabilities/main.json"
