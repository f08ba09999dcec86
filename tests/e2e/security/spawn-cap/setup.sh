# Sourced by run_app.sh for the spawn cap: a soft open-file limit of 1024 (the host must raise
# it), recorded for check_spawn_cap.py.
if [ "$(ulimit -Hn)" = unlimited ] || [ "$(ulimit -Hn)" -gt 1024 ]; then ulimit -Sn 1024; fi
echo "open files: soft $(ulimit -Sn), hard $(ulimit -Hn)" >"$WORK/limits.txt"
