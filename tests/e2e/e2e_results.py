"""What the windows of an e2e run reported. Each page sets its title to "DONE <json>" and
`warden run --exit-on-title` writes one "<window label>\tDONE <json>" line per window to
results.txt; the checks read it through these two functions."""
import json
import sys


def window_reports(results_file):
    """{window label: the JSON object it reported}."""
    reports = {}
    with open(results_file, encoding="utf-8") as f:
        for line in f:
            label, _, title = line.rstrip("\n").partition("\t")
            if title.startswith("DONE "):
                reports[label] = json.loads(title[len("DONE "):])
    return reports


def scenario_report(results_file, window, scenario):
    """What `window` reported for `scenario`; exits naming what is missing when it did not."""
    reports = window_reports(results_file)
    if window not in reports:
        sys.exit(f"window '{window}' reported nothing (windows that did: {sorted(reports)})")
    if reports[window].get(scenario) is None:
        sys.exit(f"window '{window}' did not run '{scenario}': {reports[window]}")
    return reports[window][scenario]


def require(condition, message):
    """A check that holds under `python3 -O` too (which drops every `assert`): exits 1 with
    MESSAGE when CONDITION is false."""
    if not condition:
        sys.exit(f"FAILED: {message}")
