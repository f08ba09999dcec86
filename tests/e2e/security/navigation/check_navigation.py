"""Checks one scenario of e2e.security.navigation: check_navigation.py WORK_DIR SCENARIO.
Exit 0 when the window that runs the scenario reported it as expected: evil.html (the page the
main window navigated to) received nothing meant for the app page before it; the app page that
"back" navigated to received nothing either and could neither write to nor kill the old page's
child, while its own listener works; each old page's child ended after its page went away (while the host still ran)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from e2e_results import scenario_report  # noqa: E402

work = pathlib.Path(sys.argv[1])
scenario = sys.argv[2]
WINDOW = {
    "evil_receives_nothing": "main",
    "evil_bridge_ignores_replaced_map_get": "main",
    "back_write_refused": "back",
    "back_kill_refused": "back",
    "back_page_receives_nothing": "back",
    "back_page_own_listener_works": "back",
    "nav_child_ended": "emitter",
    "back_child_ended": "emitter",
}
if scenario not in WINDOW:
    sys.exit(f"unknown scenario '{scenario}'")

result = scenario_report(work / "results.txt", WINDOW[scenario], scenario)
print(f"{scenario}: page reported ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    sys.exit("the attack was not stopped: " + str(result["detail"]))
