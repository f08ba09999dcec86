"""Checks one scenario of the invoke-key capture (issue 12, finding 7):
check_attack.py WORK_DIR SCENARIO. What the page reported (results.txt) must be ok and, for the
raw request, no file may have reached WORK_DIR/home/data; exit 1 with the reason otherwise."""
import json
import os
import sys

work, scenario = sys.argv[1:3]
data = os.path.join(work, "home", "data")

result = None
with open(os.path.join(work, "results.txt"), encoding="utf-8") as f:
    for line in f:
        label, _, title = line.rstrip("\n").partition("\t")
        if label == "main" and title.startswith("DONE "):
            result = json.loads(title[len("DONE "):]).get(scenario)
if result is None:
    sys.exit(f"the page did not report '{scenario}' (see log.txt)")
print(f"page: ok={result['ok']} detail={result['detail']}")
failures = [] if result["ok"] is True else ["the page's check failed"]
if scenario == "raw_fetch_with_captured_key_denied":
    written = os.path.lexists(os.path.join(data, "raw-fetch.txt"))
    print(f"disk: raw-fetch.txt {'exists' if written else 'absent'}")
    if written:
        failures.append("the raw request wrote raw-fetch.txt")
if failures:
    sys.exit("; ".join(failures))
