"""Asserts one probe of the scope-errors run: check_scope_errors.py WORK_DIR PROBE MODE.
MODE is "generic" (release builds: the page gets exactly "refused by scope") or "detail" (debug
builds: "refused by scope: <detail>"). PROBE "log" checks that the audit log names every refusal
with its detail, so the detail the page no longer sees is where an operator looks for it."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import window_reports  # noqa: E402

work, probe, mode = sys.argv[1:4]
GENERIC = "refused by scope"
# What each probe's scope holds and the page must not learn from an error in release builds.
SECRETS = ["hello-secret-name", "printf", "[a-z]", "nope-not-here", "/etc", "allowed", "secret", "$HOME",
           "escaped-store", "/home", work]
PROBES = {
    "shell_program_not_in_scope": ("plugin:shell|execute", "nope-not-here"),
    "shell_argument_refused_by_validator": ("plugin:shell|execute", "UPPER-case-9"),
    "fs_path_outside_scope": ("plugin:fs|read_text_file", "/etc/hostname"),
    "fs_path_denied": ("plugin:fs|read_text_file", "key.txt"),
    "store_path_escape": ("plugin:store|load", "escaped-store"),
}

reports = window_reports(f"{work}/results.txt")
results = reports.get("main")
if results is None or "runner" in results:
    sys.exit(f"the probe page did not finish: {reports}")
control = results["control_allowed_read"]["detail"]
if control["refused"]:
    sys.exit(f"the control read inside the scope was refused ({control['error']}): the probes prove nothing")


def denials():
    for line in open(f"{work}/log.txt", encoding="utf-8"):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("event") == "ipc.denied":
            yield record


if probe == "log":
    found = list(denials())
    for name, (command, detail) in PROBES.items():
        lines = [d for d in found if d.get("command") == command and detail in d.get("reason", "")
                 and "refused by the plugin's scope" in d.get("reason", "")]
        if not lines:
            sys.exit(f"{name}: no audit line for {command} naming '{detail}' as a scope refusal; "
                     f"denials logged: {[(d.get('command'), d.get('reason')) for d in found]}")
        line = lines[0]
        if (line.get("window"), line.get("origin")) != ("main", "app://localhost"):
            sys.exit(f"{name}: the audit line names the wrong caller: {line}")
        print(f"{name}: logged: {line['reason']}")
    sys.exit(0)

result = results[probe]["detail"]
if not result["refused"]:
    sys.exit(f"{probe}: the call was not refused: {result}")
error = result["error"]
print(f"{probe}: the page got {error!r}")
if mode == "generic":
    if error != GENERIC:
        sys.exit(f"{probe}: a release build must answer exactly {GENERIC!r}, the page got {error!r}")
    leaked = [s for s in SECRETS if s in error]
    if leaked:
        sys.exit(f"{probe}: the error shows the page {leaked}")
elif not error.startswith(GENERIC + ": "):
    sys.exit(f"{probe}: a debug build answers '{GENERIC}: <detail>', the page got {error!r}")
