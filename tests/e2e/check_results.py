"""Asserts one e2e scenario: check_results.py RESULTS_FILE WINDOW SCENARIO.
Exit 0 when the window reported the scenario with ok=true; prints the detail either way."""
import re
import sys

from e2e_results import scenario_report, require

results_file, window, scenario = sys.argv[1:4]
if scenario == "closed_mid_call":
    # The window closed itself with calls in flight: it reports nothing, the host logged the
    # close, every in-flight call settled, and the run went on (the other windows reported).
    results = open(results_file, encoding="utf-8").read()
    log = open(results_file.replace("results.txt", "log.txt"), encoding="utf-8").read()
    require(f"window '{window}' closed" in log, "the host did not log the close")
    require(not any(l.startswith(window + "\t") for l in results.splitlines()), "the closed window reported")
    require("main\tDONE " in results, "the main window did not finish after the close")
    # The page started 20 slow calls before closing; how many were still running when the window
    # closed depends on how long the close took, so the host says it: each of those must settle.
    in_flight = re.search(rf"webview '{re.escape(window)}' closed with (\d+) call\(s\) in flight", log)
    require(in_flight is not None, "the host did not log the calls in flight at the close")
    held = int(in_flight.group(1))
    require(held >= 2, f"the window closed with {held} call(s) in flight; the scenario needs several")
    settled = log.count(f"ipc: settled a call of closed webview '{window}'")
    require(settled == held, f"expected {held} calls settled after the close, the log shows {settled}")
    print(f"{window}: closed with calls in flight; {settled} settled after the close; the others finished")
    sys.exit(0)
result = scenario_report(results_file, window, scenario)
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
sys.exit(0 if result["ok"] is True else 1)
