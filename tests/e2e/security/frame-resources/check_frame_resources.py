"""Checks one scenario of e2e.security.frame-resources: check_frame_resources.py WORK_DIR SCENARIO.
Exit 0 when the app page reported the scenario as expected: its cross-origin frame read none of
its stores, closed none of its resources, learnt nothing from how it was refused, and the page's
own stores still work."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from e2e_results import scenario_report  # noqa: E402

work = pathlib.Path(sys.argv[1])
scenario = sys.argv[2]
if scenario not in ("frame_reads_nothing", "frame_closes_nothing", "page_stores_intact", "foreign_looks_missing"):
    sys.exit(f"unknown scenario '{scenario}'")

result = scenario_report(work / "results.txt", "main", scenario)
print(f"{scenario}: page reported ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    sys.exit("the attack was not stopped: " + str(result["detail"]))
