# Sourced by run_app.sh for e2e.security.fs-deny: $HOME/data holds what the capability allows
# and denies (work/confidential/**, vault/**, sealed/** ...).
D="$WORK/home/data"
mkdir -p "$D/work/confidential" "$D/old/confidential" "$D/vault" "$D/safe" "$D/drop" "$D/plain"
printf 'CONFIDENTIAL\n' >"$D/work/confidential/c.txt"
printf 'notes\n' >"$D/work/notes.txt"
printf 'OLD CONFIDENTIAL\n' >"$D/old/confidential/o.txt"
printf 'VAULT\n' >"$D/vault/v.txt"
printf 'SAFE\n' >"$D/safe/s.txt"
printf 'planted\n' >"$D/drop/planted.txt"
printf 'plain\n' >"$D/plain/p.txt"
