"""Asserts one e2e scenario: check_results.py RESULTS_FILE WINDOW SCENARIO.
Exit 0 when the window reported the scenario with ok=true; prints the detail either way."""
import json
import sys

results_file, window, scenario = sys.argv[1:4]
reports = {}
with open(results_file, encoding="utf-8") as f:
    for line in f:
        label, _, title = line.rstrip("\n").partition("\t")
        if title.startswith("DONE "):
            reports[label] = json.loads(title[len("DONE "):])
if window not in reports:
    sys.exit(f"window '{window}' reported nothing (windows that did: {sorted(reports)})")
result = reports[window].get(scenario)
if result is None:
    sys.exit(f"window '{window}' did not run '{scenario}': {reports[window]}")
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
sys.exit(0 if result["ok"] is True else 1)
