"""Asserts one framing scenario: check_framing.py WORK_DIR SCENARIO (the page's own verdict,
ok=true in its window's report)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report  # noqa: E402

work, scenario = sys.argv[1:3]
window = "remote" if scenario == "remote_window_frame_gets_nothing" else "main"
result = scenario_report(os.path.join(work, "results.txt"), window, scenario)
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
sys.exit(0 if result["ok"] is True else 1)
