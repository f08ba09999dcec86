"""Asserts one event-name scenario: check_event_names.py WORK_DIR SCENARIO BUILD_TYPE.
The page's own verdict (ok=true in its window's report); for refusal_is_generic, that a release
build tells the page only that the name is reserved; for refusals_logged, that the host's log
names each forged event and the window that tried it."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, require  # noqa: E402

work, scenario, build_type = sys.argv[1:4]
GENERIC = "event name is reserved"

if scenario == "refusals_logged":
    log = open(os.path.join(work, "log.txt"), encoding="utf-8", errors="replace").read()
    for event in ("tauri://drag-drop", "tauri://close-requested", "store://change"):
        lines = [l for l in log.splitlines() if event in l and "reserved" in l and "attacker" in l]
        require(lines, f"the host's log has no refusal naming '{event}' and window 'attacker'")
        print(lines[0])
    sys.exit(0)

window = "attacker" if scenario.endswith("_refused") or scenario in ("ordinary_event_still_emitted",
                                                                     "refusal_is_generic") else "victim"
result = scenario_report(os.path.join(work, "results.txt"), window, scenario)
print(f"{window}/{scenario}: ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    sys.exit(1)
if scenario == "refusal_is_generic":
    detail = str(result["detail"])
    require(detail.startswith(GENERIC), f"the refusal does not say the name is reserved: {detail!r}")
    if build_type.lower() != "debug":
        require(detail == GENERIC, f"a release build told the page more than '{GENERIC}': {detail!r}")
sys.exit(0)
