"""Checks one scenario of e2e.security.fs-watch: check_attack.py WORK_DIR SCENARIO.
Exit 0 when the page reported the scenario as expected AND the runner's moves happened (the
files the page must not hear about exist where the runner wrote them). Prints what it found."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from e2e_results import scenario_report  # noqa: E402

work = pathlib.Path(sys.argv[1])
scenario = sys.argv[2]
home = work / "home"
G = home / "data" / "G"
failures = []


def present(path, what):
    if path.exists():
        print(f"{path.relative_to(home)} present")
    else:
        failures.append(f"{what}: {path} is missing")


def absent(path, what):
    if path.exists():
        failures.append(f"{what}: {path} exists")
    else:
        print(f"{path.relative_to(home)} absent")


result = scenario_report(work / "results.txt", "main", scenario)
print(f"{scenario}: page reported ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    failures.append("the page's scenario failed: " + str(result["detail"]))

if scenario == "watch_started":
    present(G / "ready.txt", "the page did not start")
elif scenario == "new_folder_watched":
    present(G / "sub" / "new.txt", "the page did not write in its new G/sub")
elif scenario == "moved_folder_not_reported":
    for i in range(1, 5):
        present(home / "outside" / "sub" / f"private-file-{i}.txt", "the runner did not write outside")
    absent(G / "sub" / "private-file-1.txt", "a private file is in G/sub")
elif scenario == "denied_folder_not_reported":
    for i in range(1, 4):
        present(G / "secret" / "x" / f"secret-file-{i}.txt", "the runner did not write under the deny")
    absent(G / "x", "G/x was not moved")
else:
    sys.exit(f"unknown scenario '{scenario}'")

if failures:
    sys.exit("\n".join(failures))
