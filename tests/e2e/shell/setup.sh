# Sourced by run_app.sh for the shell e2e: the shell plugin's library (SHELL_LIBRARY, --var) in
# the app config, and an opener script that logs what it was asked to open (opened.txt, read by
# check_opened.py).
cp "$E2E/opener.sh" "$WORK/opener.sh"
touch "$WORK/opened.txt"
substitute @SHELL_LIBRARY@ "$(realpath "$SHELL_LIBRARY")"
substitute @OPENER@ "$WORK/opener.sh"
substitute @OPENED_LOG@ "$WORK/opened.txt"
