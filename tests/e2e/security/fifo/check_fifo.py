"""Asserts one command of e2e.security.fifo: check_fifo.py WORK_DIR SCENARIO.
Each command must have finished by itself (not killed by the runner's timeout: exit status 124
or 137), named the FIFO and the /dev/zero link as "not a regular file", and, where it loads or
lists the folder, kept the real ping plugin."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, require  # noqa: E402

work, scenario = sys.argv[1:3]
FIFO = os.path.join(work, "plugins", "libevil.so")
ZERO = os.path.join(work, "plugins", "libzero.so")
PINNED = os.path.join(work, "pinned", "libpinned.so")


def read(name):
    with open(os.path.join(work, name), encoding="utf-8", errors="replace") as f:
        return f.read()


def finished(name, expected_statuses):
    status = int(read(name + ".status").strip())
    output = read(name + ".out") + read(name + ".err")
    require(status not in (124, 137), f"{name} hung and was killed after the runner's timeout: {output[-800:]!r}")
    require(status in expected_statuses, f"{name} exited {status}, expected one of {expected_statuses}: {output[-800:]!r}")
    return output


def refuses(output, file):
    for line in output.splitlines():
        if file in line and "not a regular file" in line:
            return
    raise AssertionError(f"no line names {file} as not a regular file in: {output[-1500:]!r}")


if scenario == "plugin_ls":
    out = finished("plugin_ls", {0})
    refuses(out, FIFO)
    refuses(out, ZERO)
    require("load     ping" in out, f"the real plugin beside them is not listed as loading: {out!r}")
elif scenario == "plugin_inspect_fifo":
    refuses(finished("plugin_inspect_fifo", {1, 2}), FIFO)
elif scenario == "plugin_inspect_device":
    refuses(finished("plugin_inspect_device", {1, 2}), ZERO)
elif scenario == "doctor":
    # Exit 1: refused plugins are problems the doctor reports.
    out = finished("doctor", {1})
    refuses(out, FIFO)
    refuses(out, ZERO)
    refuses(out, PINNED)
elif scenario == "warden_run":
    out = finished("warden_run", {0})
    refuses(out, FIFO)
    refuses(out, ZERO)
    result = scenario_report(os.path.join(work, "warden_run.out"), "main", "ping")
    require(result["ok"] is True, f"the page could not reach the real plugin: {result}")
elif scenario == "pinned_path":
    # plugins.<name>.path naming a FIFO with a pin: hashed before any other check.
    # The run stops on the app config's error (status 2) after refusing the library.
    refuses(finished("pinned_path", {1, 2}), PINNED)
else:
    sys.exit(f"unknown scenario {scenario}")
print(f"{scenario}: ok")
