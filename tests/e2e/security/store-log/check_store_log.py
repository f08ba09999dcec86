"""Asserts one store-log attack scenario: check_store_log.py WORK_DIR SCENARIO BUILD_TYPE.
The page's own verdict (ok=true in its window's report), and the files on disk: the log file is
the one the log plugin writes, with every line both windows logged before and after their
attacks (a replaced or removed file loses the lines written after it) and no content of the
attacks; the log folder holds nothing else; what the pages may write elsewhere was written."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, require  # noqa: E402

work, scenario, build_type = sys.argv[1:4]
APP_ID = "dev.warden.security.storelog"
data = os.path.join(work, "data", APP_ID)
logs = os.path.join(data, "logs")
log_file = os.path.join(logs, APP_ID + ".log")



def page_verdict(window, name):
    result = scenario_report(os.path.join(work, "results.txt"), window, name)
    print(f"{window}/{name}: ok={result['ok']} detail={result['detail']}")
    if result["ok"] is not True:
        sys.exit(1)
    return result


def log_intact():
    require(os.path.isfile(log_file), f"the log file {log_file} is gone")
    text = open(log_file, encoding="utf-8", errors="replace").read()
    for line in ("before-attack main", "after-attack main", "before-attack fswin", "after-attack fswin"):
        require(line in text, f"the log file lacks '{line}' (replaced or unlinked?): {text[:300]!r}")
    require("pwned" not in text, "the log file holds an attacker's content")
    require(not text.lstrip().startswith("{"), "the log file was replaced by a store")
    require(not os.path.exists(logs + "-moved"), "the log folder was moved")
    others = sorted(set(os.listdir(logs)) - {APP_ID + ".log"})
    require(not others, f"the log folder holds files the log plugin did not write: {others}")


window = "fswin" if scenario.startswith("fs_") else "main"
if scenario == "log_file_intact":
    log_intact()
    print("the log file holds every line of both windows and nothing else")
    sys.exit(0)
result = page_verdict(window, scenario)
if scenario == "store_elsewhere_still_works":
    saved = json.load(open(os.path.join(data, "settings.json"), encoding="utf-8"))
    require(saved.get("theme") == "dark", f"settings.json holds {saved}")
elif scenario == "fs_write_elsewhere_still_works":
    require(open(os.path.join(data, "fs-ok.txt"), encoding="utf-8").read() == "written by fs\n", 'open(os.path.join(data, "fs-ok.txt"), encoding="utf-8").read() == "written by fs\\n"')
elif scenario == "store_escape_refused":
    require(not os.path.exists(os.path.join(work, "data", "escape.json")), "a store was written outside $APPDATA")
elif scenario == "store_refusal_hides_paths":
    # Debug builds may give the page the detail; release builds (as CI runs) must not.
    if build_type.lower() != "debug":
        require(str(result["detail"]).startswith("hidden "), f"a release build told the page where the files are: {result}")
else:
    log_intact()
sys.exit(0)
