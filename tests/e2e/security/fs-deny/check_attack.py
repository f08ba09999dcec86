"""Checks one scenario of e2e.security.fs-deny: check_attack.py WORK_DIR SCENARIO.
Exit 0 when the page reported the scenario as expected AND the files on disk show the deny held:
the denied files are where they were, with their bytes, and nothing was moved under a deny.
Prints what it found either way."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from e2e_results import scenario_report  # noqa: E402

work = pathlib.Path(sys.argv[1])
scenario = sys.argv[2]
data = work / "home" / "data"
failures = []


def report(name):
    return scenario_report(work / "results.txt", "main", name)


def content(path, want, what):
    got = path.read_bytes() if path.exists() else None
    if got != want:
        failures.append(f"{what}: {path} holds {got!r}, expected {want!r}")
    else:
        print(f"{path.relative_to(data)} in place")


def absent(path, what):
    if path.exists():
        failures.append(f"{what}: {path} exists")
    else:
        print(f"{path.relative_to(data)} absent")


result = report(scenario)
print(f"{scenario}: page reported ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    failures.append("the page's scenario failed: " + str(result["detail"]))

confidential = data / "work" / "confidential" / "c.txt"
vault = data / "vault" / "v.txt"
if scenario == "rename_parent_refused":
    content(confidential, b"CONFIDENTIAL\n", "renaming work moved the denied folder")
    absent(data / "work2", "work was renamed")
elif scenario == "rename_x_refused":
    content(vault, b"VAULT\n", "renaming vault moved its denied content")
    absent(data / "vault2", "vault was renamed")
elif scenario == "rename_into_denied_refused":
    absent(data / "sealed", "a folder was moved under the deny sealed/**")
    content(data / "drop" / "planted.txt", b"planted\n", "drop/ was moved")
elif scenario == "remove_parent_refused":
    content(data / "old" / "confidential" / "o.txt", b"OLD CONFIDENTIAL\n", "removing old deleted the denied file")
elif scenario == "remove_x_refused":
    content(data / "safe" / "s.txt", b"SAFE\n", "removing safe deleted its denied content")
elif scenario == "read_dir_x_refused":
    pass  # nothing on disk changes; the page's report says whether the names leaked
elif scenario == "plain_folders_still_work":
    absent(data / "plain", "plain was renamed")
    absent(data / "plain2", "plain2 was removed")
else:
    sys.exit(f"unknown scenario '{scenario}'")

if failures:
    sys.exit("\n".join(failures))
