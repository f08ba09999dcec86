"""The opener e2e's outside view: a small HTTP server the page asks what reached the desktop
handlers (WORK/handled-<name>.txt, one line per launch written by the handler scripts setup.sh
made) and the file manager (WORK/shown.jsonl, written by file_manager_service.py): what the page
cannot see from inside.
  opener_driver.py WORK PORT_FILE
Requests (GET, query arguments):
  /handled?handler=NAME&token=T&wait=MS   the launches of handler NAME (handler or other) whose
                                          arguments contain T, waiting up to MS for a first one
                                          ({lines: [...]}: empty when none came)
  /shown?token=T&wait=MS                  the file manager calls whose URIs contain T, likewise
                                          ({calls: [...]})
  /exists?name=N                          whether WORK/N exists (what a launched file would write)
  /file-manager-stop                      ends file_manager_service.py (its pid in
                                          WORK/file-manager.pid) and waits until it is gone, so
                                          that FileManager1 has no owner on the bus
  POST /report?window=W                   the page's results, appended to WORK/page-results.txt
Runs under /usr/bin/python3; errors answer 500 with {"error": ...}."""
import json
import os
import signal
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from page_driver import DriverError, serve, wait_until  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
HANDLERS = ("handler", "other")


def lines_of(name):
    try:
        with open(os.path.join(WORK, name), encoding="utf-8") as f:
            return [line.rstrip("\n") for line in f if line.endswith("\n")]
    except FileNotFoundError:
        return []


def waited(read, wait_ms):
    """read() until it finds something or wait_ms have passed; what it found last."""
    deadline = time.monotonic() + wait_ms / 1000
    while True:
        found = read()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def gone(pid):
    """The process has exited (a zombie its parent, under_session_bus.sh, has not reaped counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def stop_file_manager():
    with open(os.path.join(WORK, "file-manager.pid"), encoding="utf-8") as f:
        pid = int(f.read())
    os.kill(pid, signal.SIGTERM)
    wait_until(lambda: gone(pid), "file_manager_service.py to exit", 5)
    # The bus drops the name when it sees the connection close, just after the exit.
    time.sleep(0.3)
    return {"stopped": pid}


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    if path == "/handled":
        handler = q["handler"]
        if handler not in HANDLERS:
            raise DriverError("unknown handler " + handler)
        token = q["token"]
        return {"lines": waited(lambda: [l for l in lines_of(f"handled-{handler}.txt") if token in l],
                                int(q.get("wait", "0")))}
    if path == "/shown":
        token = q["token"]

        def calls():
            return [c for c in map(json.loads, lines_of("shown.jsonl")) if any(token in u for u in c["uris"])]
        return {"calls": waited(calls, int(q.get("wait", "0")))}
    if path == "/exists":
        name = q["name"]
        if "/" in name or name.startswith("."):
            raise DriverError("a plain file name inside WORK, got " + name)
        return {"exists": os.path.exists(os.path.join(WORK, name))}
    if path == "/file-manager-stop":
        return stop_file_manager()
    raise DriverError("unknown request " + path)


serve("opener-driver", WORK, PORT_FILE, answer, one_at_a_time=False)
