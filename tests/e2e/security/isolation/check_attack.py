"""Checks one scenario of the isolation-skip attack (issue 12, finding 3):
check_attack.py WORK_DIR SCENARIO. Both what the page reported (results.txt) and the files the
fs plugin left in WORK_DIR/home/data must match; exit 1 with the reason otherwise."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report  # noqa: E402

work, scenario = sys.argv[1:3]
data = os.path.join(work, "home", "data")


def page_result():
    return scenario_report(os.path.join(work, "results.txt"), "main", scenario)


def content(name):
    path = os.path.join(data, name)
    if not os.path.lexists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


# scenario -> {file: expected bytes, or None when the file must not exist}
EXPECTED = {
    "allowed_write_passes": {"allowed.txt": b"ALLOWED"},
    "hook_veto_holds": {"forbidden-direct.txt": None},
    "forged_sealed_event": {"forbidden.txt": None},
    "hook_header_edit_applies": {"hook-edited.txt": b"EDITED", "hook-edit.txt": None},
}

result = page_result()
print(f"page: ok={result['ok']} detail={result['detail']}")
failures = [] if result["ok"] is True else ["the page's check failed"]
for name, expected in EXPECTED[scenario].items():
    actual = content(name)
    print(f"disk: {name}: {'absent' if actual is None else repr(actual)}")
    if actual != expected:
        failures.append(f"{name} should be {'absent' if expected is None else repr(expected)}")
if failures:
    sys.exit("; ".join(failures))
