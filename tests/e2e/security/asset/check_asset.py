"""Asserts one asset attack scenario: check_asset.py WORK_DIR SCENARIO.
The page's own verdict (check_results.py's rule: the window reported the scenario with ok=true),
and the run's random secret (WORK_DIR/app/assets/secret.txt): the app page and the granted remote
page must have read it, no hostile frame or window may show it anywhere in its report."""
import json
import os
import sys

work, scenario = sys.argv[1:3]
WINDOW = {"granted_remote_reads": "granted", "remote_window_gets_nothing": "remote"}
window = WINDOW.get(scenario, "main")
secret = open(os.path.join(work, "app", "assets", "secret.txt"), encoding="utf-8").read().strip()
reports = {}
for line in open(os.path.join(work, "results.txt"), encoding="utf-8"):
    label, _, title = line.rstrip("\n").partition("\t")
    if title.startswith("DONE "):
        reports[label] = json.loads(title[len("DONE "):])
if window not in reports:
    sys.exit(f"window '{window}' reported nothing (windows that did: {sorted(reports)})")
result = reports[window].get(scenario)
if result is None:
    sys.exit(f"window '{window}' did not run '{scenario}': {reports[window]}")
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
if scenario in ("app_fetch_reads", "granted_remote_reads"):
    assert secret in str(result["detail"]), f"the allowed caller did not read the secret {secret}"
if scenario.endswith("_nothing"):
    assert secret not in json.dumps(result), "a hostile caller read the secret"
if scenario == "remote_window_gets_nothing":
    assert secret not in json.dumps(reports["remote"]), "the ungranted remote window read the secret"
sys.exit(0 if result["ok"] is True else 1)
