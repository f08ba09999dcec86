"""The deep-link e2e's desktop view: a small HTTP server the page asks what the desktop sees of the
app's registration and which acts as the desktop and the user would: xdg-open of a link, a later
`warden run` of the app. The page cannot see or do any of this from inside.
  deep_link_driver.py WORK PORT_FILE
The run's XDG_DATA_HOME is WORK/xdg/data and XDG_CONFIG_HOME WORK/xdg/config; in_session.sh writes
WORK/session.env (the display, the bus, XDG_RUNTIME_DIR, the host binary) before the host starts.
Requests (GET, query arguments):
  /entry                 the handler entry WORK/xdg/data/applications/<id>-handler.desktop:
                         {exists, regular, text, validate: {status, output}, mime: [...], exec}
  /default?scheme=S[&expect=ID&wait=MS]   what `xdg-mime query default x-scheme-handler/S` answers
                         ({default}); with expect, asked again until it is ID or MS have passed
  /xdg-open?url=U        runs `xdg-open U` in the run's session on xdg-utils' generic desktop
                         (no XDG_CURRENT_DESKTOP, BROWSER=false so that no browser is tried):
                         {status, seconds}; an xdg-open still running after 30 s is killed, and
                         the answer says so (the link started an app of its own)
  /second-run?args=JSON  runs `warden run WORK/app -- ARGS...` in the run's session, likewise
  POST /report?window=W  the page's scenario results, appended to WORK/page-results.txt
Each started process's output goes to WORK/started-<n>.log. Errors answer 500 with {"error": ...}."""
import itertools
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from page_driver import DriverError, serve  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
IDENTIFIER = "dev.warden.e2e.deep-link"
DESKTOP_ID = IDENTIFIER + "-handler.desktop"
APPLICATIONS = os.path.join(WORK, "xdg", "data", "applications")
ENTRY = os.path.join(APPLICATIONS, DESKTOP_ID)
# What makes xdg-open pick a desktop's own opener instead of its generic path.
DESKTOP_VARIABLES = ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION",
                     "GNOME_DESKTOP_SESSION_ID", "MATE_DESKTOP_SESSION_ID", "XDG_SESSION_DESKTOP")
started = itertools.count(1)


def session_environment():
    path = os.path.join(WORK, "session.env")
    if not os.path.exists(path):
        raise DriverError("in_session.sh wrote no " + path)
    env = {k: v for k, v in os.environ.items() if k not in DESKTOP_VARIABLES}
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            name, _, value = line.partition("=")
            if value:
                env[name] = value
    env["XDG_DATA_HOME"] = os.path.join(WORK, "xdg", "data")
    env["XDG_CONFIG_HOME"] = os.path.join(WORK, "xdg", "config")
    env["BROWSER"] = "false"
    return env


def entry_keys(text):
    keys, group = {}, None
    for line in text.splitlines():
        if line.startswith("["):
            group = line
        elif group == "[Desktop Entry]" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            keys[key] = value
    return keys


def entry():
    if not os.path.lexists(ENTRY):
        return {"exists": False}
    regular = os.path.isfile(ENTRY) and not os.path.islink(ENTRY)
    with open(ENTRY, encoding="utf-8") as f:
        text = f.read()
    check = subprocess.run(["desktop-file-validate", ENTRY], capture_output=True, text=True, timeout=30)
    keys = entry_keys(text)
    return {"exists": True, "regular": regular, "text": text,
            "validate": {"status": check.returncode, "output": (check.stdout + check.stderr).strip()},
            "mime": [m for m in keys.get("MimeType", "").split(";") if m], "exec": keys.get("Exec")}


def default(scheme):
    env = session_environment()
    done = subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/" + scheme], env=env,
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise DriverError(f"xdg-mime query default failed ({done.returncode}): {done.stderr.strip()}")
    return {"default": done.stdout.strip()}


def run_in_session(argv):
    """Runs argv in the run's session until it exits (at most 30 s): {status, seconds, log}."""
    n = next(started)
    log_path = os.path.join(WORK, f"started-{n}.log")
    with open(log_path, "w", encoding="utf-8") as log:
        log.write("argv: " + json.dumps(argv) + "\n")
        log.flush()
        begin = time.monotonic()
        process = subprocess.Popen(argv, env=session_environment(), stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            status = process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise DriverError(f"{argv[0]} still ran after 30 s (killed; see {log_path}): the link did not reach "
                              "the running instance")
    return {"status": status, "seconds": round(time.monotonic() - begin, 2), "log": log_path}


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    if path == "/entry":
        return entry()
    if path == "/default":
        deadline = time.monotonic() + int(q.get("wait", "0")) / 1000
        while True:
            found = default(q["scheme"])
            if "expect" not in q or found["default"] == q["expect"] or time.monotonic() > deadline:
                return found
            time.sleep(0.1)
    if path == "/xdg-open":
        return run_in_session(["xdg-open", q["url"]])
    if path == "/second-run":
        args = json.loads(q["args"])
        if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
            raise DriverError("args must be a JSON array of strings")
        warden = session_environment().get("WARDEN_BINARY")
        if not warden:
            raise DriverError("session.env names no WARDEN_BINARY")
        return run_in_session([warden, "run", os.path.join(WORK, "app"), "--", *args])
    raise DriverError("unknown request " + path)


# One request at a time (the scenarios wait on one another anyway), but a report may come from the
# denied window while main's request runs.
serve("deep-link-driver", WORK, PORT_FILE, answer, one_at_a_time=False)
