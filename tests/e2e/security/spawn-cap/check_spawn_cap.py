"""Asserts one spawn-cap scenario: check_spawn_cap.py WORK_DIR SCENARIO.
The shell plugin's default cap is 32 children per page, and the app config sets 40 per app:
`main` starts exactly 32 and is refused naming the page cap, `second` exactly 8 (what the app cap
leaves) and is refused naming
the app cap; a killed child frees its slot; `files` still saves a store and writes a file."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, require  # noqa: E402

work, scenario = sys.argv[1:3]
PER_PAGE, PER_APP = 32, 40
data = os.path.join(work, "data", "dev.warden.security.spawncap")


def report(window, name):
    result = scenario_report(os.path.join(work, "results.txt"), window, name)
    print(f"{window}/{name}: {result}")
    require(result["ok"] is True, f"{window}/{name} failed: {result['detail']}")
    return result["detail"]


def refused_at(detail, count, setting):
    require(detail["refusal"] is not None, f"never refused: started {detail['started']} children")
    require(detail["started"] == count, f"started {detail['started']} children, expected the cap to stop it at {count}")
    require(setting in detail["refusal"], f"the refusal does not name {setting}: {detail['refusal']!r}")


if scenario == "page_cap_refused":
    refused_at(report("main", scenario), PER_PAGE, "maxChildrenPerPage")
elif scenario == "app_cap_refused":
    refused_at(report("second", scenario), PER_APP - PER_PAGE, "maxChildrenPerApp")
elif scenario == "ended_child_frees_slot":
    report("second", scenario)
elif scenario == "other_window_store_works":
    report("files", scenario)
    saved = json.load(open(os.path.join(data, "settings.json"), encoding="utf-8"))
    require(saved.get("theme") == "dark", f"settings.json holds {saved}")
elif scenario == "other_window_fs_works":
    require(report("files", scenario) == "written while others spawn\n", 'report("files", scenario) == "written while others spawn\\n"')
elif scenario == "open_file_limit_raised":
    limits = open(os.path.join(work, "limits.txt"), encoding="utf-8").read()
    hard = re.search(r"hard (\S+)", limits).group(1)
    log = open(os.path.join(work, "log.txt"), encoding="utf-8", errors="replace").read()
    # An unlimited hard limit is raised to the kernel's table size (fs.nr_open).
    wanted = {"1024": r"open-file limit", "unlimited": r"open-file limit raised from 1024 to \d+"}.get(
        hard, f"open-file limit raised from 1024 to {hard}$")
    require(re.search(wanted, log, re.M), f"the host's log does not say '{wanted}' ({limits.strip()})")
else:
    sys.exit(f"unknown scenario {scenario}")
print(f"{scenario}: ok")
