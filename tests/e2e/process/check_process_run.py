"""Checks what the process e2e's two runs left: check_process_run.py WORK_DIR CHECK.
CHECK is exit_status (the page's exit(3) reached the runner as status 3), restarts_in_log (the
host re-executed itself three times, refused the fourth restart, and the plugin named the window
that asked each time) or state_file (the store file the loads counted themselves in)."""
import json
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

work, check = sys.argv[1:3]


def read(name):
    with open(os.path.join(work, name), encoding="utf-8") as f:
        return f.read()


if check == "exit_status":
    status = read("exit-status.txt").strip()
    require(status == "3", f"the exit run ended with status {status}, expected 3 (the page's exit(3))")
    log = read("log-exit.txt")
    require("exit 3 asked by window 'main'" in log, "the process plugin did not log main's exit(3)")
    print("exit(3) ended the run with status 3")
elif check == "restarts_in_log":
    log = read("log-restart.txt")
    executed = log.count("restart: executing")
    require(executed == 3, f"the host re-executed itself {executed} time(s), expected 3")
    asked = log.count("restart asked by window 'main'")
    require(asked == 4, f"the plugin logged {asked} restart request(s) from main, expected 4")
    require(log.count("restart refused:") == 1, "the fourth, rapid restart was not refused once")
    require("restart asked by window 'denied'" not in log, "the denied window's restart reached the plugin")
    print("3 re-executions, the 4th restart refused")
elif check == "state_file":
    path = os.path.join(work, "data", "dev.warden.e2e.process", "state.json")
    with open(path, encoding="utf-8") as f:
        state = json.load(f)
    require(state.get("loads") == 4, f"state.json counts {state.get('loads')} loads, expected 4")
    print("state.json on disk: 4 loads")
else:
    sys.exit(f"unknown check '{check}'")
