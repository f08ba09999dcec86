"""Checks one scenario of e2e.security.fs-write: check_attack.py WORK_DIR SCENARIO BUILD_TYPE.
Exit 0 when the page reported the scenario as expected AND the files on disk show the attack had
no effect: the document keeps its bytes, no file was created, no set-id bit was set. Prints what
it found either way."""
import json
import pathlib
import stat
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from e2e_results import scenario_report  # noqa: E402

work = pathlib.Path(sys.argv[1])
scenario = sys.argv[2]
build_type = sys.argv[3] if len(sys.argv) > 3 else ""
home = work / "home"
failures = []

MIXED = {"rid_write_refused", "rid_ftruncate_refused", "setid_mode_refused", "granted_handle_writes"}


def report(window, name):
    return scenario_report(work / "results.txt", window, name)


def content(path, want, what):
    got = path.read_bytes() if path.exists() else None
    if got != want:
        failures.append(f"{what}: {path} holds {got!r}, expected {want!r}")
    else:
        print(f"{path.name} unchanged ({len(want)} bytes)")


def absent(path, what):
    if path.exists() or path.is_symlink():
        failures.append(f"{what}: {path} exists (mode {oct(path.lstat().st_mode)})")
    else:
        print(f"{path.name} absent: {what} did not happen")


result = report("mixed" if scenario in MIXED else "main", scenario)
print(f"{scenario}: page reported ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    failures.append("the page's scenario failed: " + str(result["detail"]))

report_file = home / "Documents" / "report.txt"
readonly_file = home / "readonly" / "data.txt"
if scenario in ("open_truncate_refused", "open_write_refused", "open_append_refused", "read_still_works"):
    content(report_file, b"QUARTERLY REPORT\n", "the read-only page changed the document")
elif scenario == "open_create_executable_refused":
    absent(home / "Documents" / "run.sh", "the read-only page created an executable file")
elif scenario == "open_create_new_refused":
    absent(home / "Documents" / "new.txt", "the read-only page created a file")
elif scenario in ("rid_write_refused", "rid_ftruncate_refused"):
    content(readonly_file, b"READ ONLY DATA\n", "a write grant elsewhere let the page change a read-only file")
elif scenario == "setid_mode_refused":
    for name in ("suid.sh", "sgid.sh", "sticky"):
        path = home / "scratch" / name
        if path.exists() and path.stat().st_mode & (stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX):
            failures.append(f"{path} was made with mode {oct(path.stat().st_mode)}")
        else:
            print(f"{name}: no set-id or sticky bit on disk")
elif scenario == "granted_handle_writes":
    content(home / "scratch" / "notes.txt", b"hello", "the granted write through a handle")
elif scenario == "scope_details_hidden":
    # Release builds (as CI): the page gets the generic text only, the audit log the detail.
    # Debug builds append the detail for the developer.
    errors = json.loads(result["detail"]) if result["ok"] else {}
    if not errors:
        failures.append("the page recorded no refusal to judge")
    for name, message in errors.items():
        if "refused by scope" not in message:
            failures.append(f"{name}: expected the generic 'refused by scope', the page got {message!r}")
        elif build_type != "Debug" and (str(home) in message or "forbidden" in message):
            failures.append(f"{name}: the page learnt host paths or scope details from {message!r}")
        else:
            print(f"{name}: {message!r}")
    log = (work / "log.txt").read_text(encoding="utf-8", errors="replace")
    if str(readonly_file) not in log:
        failures.append(f"the host's log lacks the refusal's detail (the path {readonly_file})")
else:
    sys.exit(f"unknown scenario '{scenario}'")

if failures:
    sys.exit("\n".join(failures))
