# Sourced by run_app.sh for the shell attacks: two git repositories (the run's working folder
# and a victim), the scripts the page may run, an opener that logs what it was given, and the
# shell plugin's library (SHELL_LIBRARY, --var) in the app config. The host runs in project/.
new_repo() {
  git init -q "$1"
  git -C "$1" config user.email e2e@warden.invalid
  git -C "$1" config user.name "warden e2e"
  git -C "$1" commit -q --allow-empty -m "first"
}
new_repo "$WORK/project"
new_repo "$WORK/victim"
echo "not meant to be committed" >"$WORK/victim/staged.txt"
git -C "$WORK/victim" add staged.txt

# A bash script of the kind apps grant: it calls `date`, which an exported function can replace.
cat >"$WORK/stamp.sh" <<'SCRIPT'
#!/bin/bash
echo "stamp $(date +%s)"
SCRIPT
chmod 755 "$WORK/stamp.sh"

cp "$E2E/opener.sh" "$WORK/opener.sh"
touch "$WORK/opened.txt"
substitute @SHELL_LIBRARY@ "$(realpath "$SHELL_LIBRARY")"
substitute @OPENER@ "$WORK/opener.sh"
cd "$WORK/project"
