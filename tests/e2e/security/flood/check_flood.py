"""Checks one scenario of the flood attacks (issue 13, finding 3 and its "Also"):
check_flood.py WORK_DIR SCENARIO. Reads what the windows reported (results.txt), the host's log and
the warden process's memory samples written by run_flood_attacks.sh; exits 1 with the reason when
the scenario fails."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report  # noqa: E402

# The warden process (not its web processes) may hold at most this much at its peak while one page
# floods it. With two windows and no flood it peaks at about 150 MiB (GTK, WebKit's UI side, the
# plugin). The limit of calls in flight (1024 per webview by default) bounds what the flood adds:
# at most that many requests with their 4 KiB bodies and answers and WebKit's objects for each,
# some 10-20 MiB. 250 MiB leaves 100 MiB for allocator slack and WebKit's own buffers; before the
# bound the host passed it and kept growing for as long as the flood lasted (760 MB in the
# issue's run).
MEMORY_BOUND_KIB = 250 * 1024

work, scenario = sys.argv[1:3]


def run_dir(name):
    return os.path.join(work, name)


def page(name, window, what):
    result = scenario_report(os.path.join(run_dir(name), "results.txt"), window, what)
    print(f"{window}/{what}: ok={result['ok']} detail={result['detail']}")
    if result["ok"] is not True:
        sys.exit(f"the page's check '{what}' failed")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


if scenario in ("flood_refusals_generic", "flood_all_settled", "other_window_answered"):
    page("flood", "victim", scenario)
elif scenario == "host_memory_bounded":
    samples = [line.split() for line in read(os.path.join(run_dir("flood"), "memory.txt")).splitlines() if line.strip()]
    if not samples:
        sys.exit("no memory samples of the warden process")
    peak = max(int(hwm) for _, hwm in samples)
    print(f"warden VmHWM peak {peak // 1024} MiB over {len(samples)} samples (bound {MEMORY_BOUND_KIB // 1024} MiB)")
    if peak > MEMORY_BOUND_KIB:
        sys.exit(f"the host grew to {peak // 1024} MiB under the flood")
elif scenario == "flooding_window_closed":
    log = read(os.path.join(run_dir("flood"), "log.txt"))
    status = read(os.path.join(run_dir("flood"), "status")).strip()
    closed = re.search(r"window 'flood' closed", log) is not None
    print(f"log: flood window {'closed' if closed else 'never closed'}; warden run exited with {status}")
    if not closed:
        sys.exit("the flooding window did not close")
    if "timed out" in log:
        sys.exit("the run timed out (the host closes every window then)")
    if status != "0":
        sys.exit(f"warden run exited with {status}")
elif scenario == "refusals_logged_rate_limited":
    log = read(os.path.join(run_dir("flood"), "log.txt"))
    lines = [l for l in log.splitlines() if "too many calls in flight" in l]
    print(f"log: {len(lines)} line(s) about calls in flight")
    for l in lines[:3]:
        print("  " + l[:300])
    if not lines:
        sys.exit("no refusal was logged")
    # 150,000 refused calls may not make 150,000 lines: the log says how many it left out.
    if len(lines) > 1000:
        sys.exit(f"{len(lines)} log lines: the refusals flood the log")
elif scenario == "blocking_call_not_starved":
    page("starve", "waiter", scenario)
elif scenario in ("sleepers_settled", "host_refuses_beyond_webview_limit"):
    page("starve", "sleeper", scenario)
elif scenario == "host_limit_logged":
    log = read(os.path.join(run_dir("starve"), "log.txt"))
    lines = [l for l in log.splitlines() if "status=429" in l and 'webview="sleeper"' in l
             and "has 8 calls in flight" in l]
    print(f"log: {len(lines)} line(s) of the host's own refusals")
    for l in lines[:2]:
        print("  " + l[:300])
    if not lines:
        sys.exit("the host logged no refusal of the sleeper's frame")
else:
    sys.exit(f"unknown scenario {scenario}")
