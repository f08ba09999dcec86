"""Asserts one asset attack scenario: check_asset.py WORK_DIR SCENARIO.
The page's own verdict (check_results.py's rule: the window reported the scenario with ok=true),
and the run's random secret (WORK_DIR/app/assets/secret.txt): the app page and the granted remote
page must have read it, no hostile frame or window may show it anywhere in its report."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, window_reports, require  # noqa: E402

work, scenario = sys.argv[1:3]
WINDOW = {"granted_remote_reads": "granted", "remote_window_gets_nothing": "remote"}
window = WINDOW.get(scenario, "main")
secret = open(os.path.join(work, "app", "assets", "secret.txt"), encoding="utf-8").read().strip()
results_file = os.path.join(work, "results.txt")
reports = window_reports(results_file)
result = scenario_report(results_file, window, scenario)
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
if scenario in ("app_fetch_reads", "granted_remote_reads"):
    require(secret in str(result["detail"]), f"the allowed caller did not read the secret {secret}")
if scenario.endswith("_nothing"):
    require(secret not in json.dumps(result), "a hostile caller read the secret")
if scenario == "remote_window_gets_nothing":
    require(secret not in json.dumps(reports["remote"]), "the ungranted remote window read the secret")
sys.exit(0 if result["ok"] is True else 1)
