"""Checks one scenario of the capture of a child frame's IPC entry point (issue 12, finding 7):
check_attack.py WORK_DIR SCENARIO. What the page reported (results.txt) must be ok and, for the
captured native function, no file may have reached WORK_DIR/home/data; exit 1 with the reason
otherwise."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report  # noqa: E402

work, scenario = sys.argv[1:3]
data = os.path.join(work, "home", "data")

result = scenario_report(os.path.join(work, "results.txt"), "main", scenario)
print(f"page: ok={result['ok']} detail={result['detail']}")
failures = [] if result["ok"] is True else ["the page's check failed"]
if scenario == "captured_native_function_refused":
    written = os.path.lexists(os.path.join(data, "raw-fetch.txt"))
    print(f"disk: raw-fetch.txt {'exists' if written else 'absent'}")
    if written:
        failures.append("the captured function wrote raw-fetch.txt")
if failures:
    sys.exit("; ".join(failures))
