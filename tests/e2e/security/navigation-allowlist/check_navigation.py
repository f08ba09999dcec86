"""Asserts one navigation scenario: check_navigation.py WORK_DIR SCENARIO.
The window's own verdict (ok=true in its report: a page reached by a refused navigation reports
ok=false); for other_origin_refusal_logged, that the host's log has a refusal line naming the
window and the other origin's URL."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, require  # noqa: E402

work, scenario = sys.argv[1:3]
if scenario == "other_origin_refusal_logged":
    other = open(os.path.join(work, "other_base"), encoding="utf-8").read().strip()
    log = open(os.path.join(work, "log.txt"), encoding="utf-8", errors="replace").read()
    for window, url in (("remote", other + "/other.html#from-remote"), ("main", other + "/other.html#from-app")):
        lines = [l for l in log.splitlines() if "navigation refused" in l and f"'{window}'" in l and url in l]
        require(lines, f"the host's log has no 'navigation refused' line for window '{window}' to {url}")
        print(lines[0])
    sys.exit(0)
window = "main" if scenario.startswith("app_") else "remote"
result = scenario_report(os.path.join(work, "results.txt"), window, scenario)
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
sys.exit(0 if result["ok"] is True else 1)
