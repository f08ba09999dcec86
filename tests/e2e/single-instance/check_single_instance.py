"""Checks what the single-instance e2e's runs left (instance_runs.sh):
   check_single_instance.py WORK_DIR CHECK
CHECK is one of
- later_run_exited_0_quickly: the later run `-- a b` ended with status 0 within seconds, having
  handed its arguments over (its log) and printed no window's result;
- later_run_opened_no_window: while it lived, the app had one window on the display (the first
  run's), and its log shows no plugin loaded and no window made;
- window_brought_to_front: the cover window was active before it, the app's window after;
- instance_log: the running instance logged the arguments it was handed and the window it raised;
- restart_took_the_instance_again: the restarted run became the instance again and a later run
  reached it;
- plain_started_twice: without singleInstance the second run ran its own page beside the first."""
import json
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require, window_reports  # noqa: E402

work, check = sys.argv[1:3]


def read(name):
    path = os.path.join(work, name)
    require(os.path.exists(path), f"{path} is missing (did the run get that far? see log-*.txt)")
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def later(name):
    return json.loads(read(f"later-{name}.json"))


HANDED = "handed it this run's arguments, exiting"
# What a run that goes on to serve the app logs (run_command.cpp, plugin loading, windows).
SERVING = ("[plugin instance-probe]", "window 'main'", "ipc: ", "this run is the instance")

if check == "later_run_exited_0_quickly":
    for name in ("second", "done"):
        result = later(name)
        require(result["status"] == 0, f"the later run '{name}' ended with status {result['status']}, expected 0 "
                                       f"(see {work}/later-{name}.log)")
        require(result["ms"] < 8000, f"the later run '{name}' took {result['ms']} ms, expected a few seconds at most")
        require(HANDED in read(f"later-{name}.log"), f"the later run '{name}' did not log its handover")
        require(read(f"later-{name}.out").strip() == "", f"the later run '{name}' printed a window's result")
    print(f"later runs exited 0 in {later('second')['ms']} ms and {later('done')['ms']} ms")
elif check == "later_run_opened_no_window":
    windows = json.loads(read("window-check.json"))
    require(windows["main"] != "", "the first run's window was never found")
    require(windows["max_app_windows"] == 1,
            f"{windows['max_app_windows']} app windows were visible while the later run lived, expected 1 (the first run's)")
    log = read("later-second.log")
    for text in SERVING:
        require(text not in log, f"the later run's log has '{text}': it went on to serve the app")
    print("one app window throughout; the later run loaded no plugin and made no window")
elif check == "window_brought_to_front":
    windows = json.loads(read("window-check.json"))
    require(windows["cover_was_active"], "the cover window never became active: the test shows nothing")
    require(windows["main_active_after"],
            f"the active window after the later run is {windows['active_after']}, not the app's {windows['main']}")
    print(f"window {windows['main']} active again after the later run")
elif check == "instance_log":
    log = read("log-first.txt")
    require("handed over 2 argument(s), 9 bytes of JSON (cwd " + os.path.join(work, "later-cwd") + ")" in log,
            "the instance did not log the count and size of [\"a\",\"b\"] and the later run's cwd")
    require('"a","b"' not in log, "the instance wrote the handed-over arguments into its log (a link may carry a token)")
    require("brought window 'main' to the front" in log, "the instance did not log bringing 'main' to the front")
    require("handing the arguments to 1 subscriber(s)" in log, "the instance did not hand the arguments to the probe")
    print("the instance logged the handover, the raised window and its subscriber")
elif check == "restart_took_the_instance_again":
    log = read("log-restart.txt")
    require("restart: executing" in log, "the app never restarted")
    taken = log.count("this run is the instance")
    require(taken == 2, f"'this run is the instance' logged {taken} time(s), expected 2 (before and after the restart)")
    result = later("after-restart")
    require(result["status"] == 0, f"the later run after the restart ended with status {result['status']}")
    require(HANDED in read("later-after-restart.log"), "the later run after the restart did not hand over")
    print("the re-executed run took the instance again; a later run reached it")
elif check == "plain_started_twice":
    status = read("plain-second.status").strip()
    require(status == "0", f"the second plain run ended with status {status} (see {work}/plain-second.log)")
    reports = window_reports(os.path.join(work, "plain-second-results.txt"))
    require("main" in reports, "the second plain run's window reported nothing")
    result = reports["main"].get("not_single_instance") or {}
    require(result.get("ok") and result.get("detail") == "plain-two", f"the second plain run reported {result}")
    first = window_reports(os.path.join(work, "results-plain.txt")).get("main", {}).get("not_single_instance") or {}
    require(first.get("detail") == "plain-one", f"the first plain run reported {first}")
    for name in ("log-plain.txt", "plain-second.log"):
        require("single instance:" not in read(name), f"{name} mentions the single instance with it off")
    print("two plain runs side by side, each with its own arguments")
else:
    sys.exit(f"unknown check '{check}'")
