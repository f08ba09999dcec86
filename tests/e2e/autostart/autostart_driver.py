"""The autostart e2e's desktop view: a small HTTP server the page asks what the run's autostart
folder holds, which checks the entry as a desktop session reads it (desktop-file-validate; the
Exec line parsed by the Desktop Entry Specification's rules, never by a shell) and starts it as a
session does at login. The page cannot see any of this from inside.
  autostart_driver.py WORK PORT_FILE
The run's XDG_CONFIG_HOME is WORK/home/.config (run_app.sh --home); in_display.sh writes
WORK/session.env (DISPLAY, XAUTHORITY, HOME, XDG_*) before the host starts. Requests (GET):
  /started?window=W  a page of the launched app says it is up (the launched app's pages know
                     they are its own by their appDataDir: /launch gives it XDG_DATA_HOME
                     WORK/launched-data, the one thing of the session it changes, so that the
                     two runs of the app share no data folder either)
  /entry             {exists, regular, text, validate: {status, output}, name, exec, argv}: argv is
                     the Exec line parsed by the spec (string escapes, then quoting, then %%)
  /launch            runs argv in the run's session; waits up to 30 s for the launched app's main
                     page to call /started, then stops it (its log: WORK/launched.log)
  /plant?kind=foreign|symlink   a file at the entry's path that this app did not write: a
                     foreign entry, or a symlink to WORK/target.txt (whose text /target answers)
  /target            WORK/target.txt's text
  /remove            removes whatever is at the entry's path
  POST /report?window=W    the page's scenario results, appended to WORK/page-results.txt
Errors answer 500 with {"error": ...}."""
import os
import signal
import subprocess
import sys
import threading
import urllib.parse

# page_driver.py sits in tests/e2e.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from page_driver import DriverError, serve, wait_until  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
IDENTIFIER = "dev.warden.e2e.autostart"
ENTRY = os.path.join(WORK, "home", ".config", "autostart", IDENTIFIER + ".desktop")
TARGET = os.path.join(WORK, "target.txt")
state = {"started": set()}
lock = threading.Lock()

GENERAL_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def unescape_string(value):
    """The spec's escapes of a string value (\\s \\n \\t \\r \\\\); any other backslash stays for
    the quoting rule, which reads the result."""
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in GENERAL_ESCAPES:
            out.append(GENERAL_ESCAPES[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def split_exec(line):
    """Exec's arguments by the spec's quoting rule: separated by spaces; inside "...", a backslash
    escapes ", `, $ and \\; a reserved character outside quotes is an error; %% is a literal %."""
    args, current, i = [], None, 0
    while i < len(line):
        c = line[i]
        if c == " ":
            if current is not None:
                args.append(current)
                current = None
            i += 1
        elif c == '"':
            current = current or ""
            i += 1
            while True:
                if i >= len(line):
                    raise DriverError("Exec: a quote is not closed: " + line)
                c = line[i]
                if c == "\\" and i + 1 < len(line) and line[i + 1] in '"`$\\':
                    current += line[i + 1]
                    i += 2
                elif c == "\\":
                    raise DriverError("Exec: a backslash inside quotes escapes nothing it may: " + line)
                elif c == '"':
                    i += 1
                    break
                else:
                    current += c
                    i += 1
        elif c in RESERVED:
            raise DriverError(f"Exec: reserved character {c!r} outside quotes: " + line)
        else:
            current = (current or "") + c
            i += 1
    if current is not None:
        args.append(current)
    return [field_codes(a, line) for a in args]


def field_codes(argument, line):
    out, i = [], 0
    while i < len(argument):
        if argument[i] == "%":
            if argument[i + 1:i + 2] != "%":
                raise DriverError("Exec: a field code the entry should not have: " + line)
            out.append("%")
            i += 2
        else:
            out.append(argument[i])
            i += 1
    return "".join(out)


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
    exec_line = keys.get("Exec")
    return {"exists": True, "regular": regular, "text": text,
            "validate": {"status": check.returncode, "output": (check.stdout + check.stderr).strip()},
            "name": unescape_string(keys.get("Name", "")), "exec": exec_line,
            "argv": split_exec(unescape_string(exec_line)) if exec_line is not None else None}


def session_environment():
    path = os.path.join(WORK, "session.env")
    if not os.path.exists(path):
        raise DriverError("in_display.sh wrote no " + path)
    env = dict(os.environ)
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            name, _, value = line.partition("=")
            if value:
                env[name] = value
    return env


def launch():
    found = entry()
    if not found["exists"] or not found["argv"]:
        raise DriverError("no entry to launch at " + ENTRY)
    env = session_environment()
    env["XDG_DATA_HOME"] = os.path.join(WORK, "launched-data")
    log = open(os.path.join(WORK, "launched.log"), "w")
    app = subprocess.Popen(found["argv"], env=env, stdout=log, stderr=subprocess.STDOUT,
                           stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until(lambda: "main" in state["started"] or app.poll() is not None, "the launched app's main page", 30)
        exited = app.poll()
        if exited is not None:
            raise DriverError(f"the launched app exited with status {exited} before its page came up "
                              f"(see {WORK}/launched.log)")
        return {"started": True, "argv": found["argv"]}
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGTERM)
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(app.pid, signal.SIGKILL)
                app.wait()
        log.close()


def plant(kind):
    os.makedirs(os.path.dirname(ENTRY), exist_ok=True)
    remove()
    if kind == "foreign":
        with open(ENTRY, "w", encoding="utf-8") as f:
            f.write("[Desktop Entry]\nType=Application\nName=Someone else's\nExec=/bin/true\n")
    elif kind == "symlink":
        with open(TARGET, "w", encoding="utf-8") as f:
            f.write("not an autostart entry\n")
        os.symlink(TARGET, ENTRY)
    else:
        raise DriverError("unknown kind " + kind)
    return {"planted": kind}


def remove():
    if os.path.lexists(ENTRY):
        os.unlink(ENTRY)
    return {"removed": True}


def answer(path, query):
    q = urllib.parse.parse_qs(query)
    if path == "/started":
        with lock:
            state["started"].add(q["window"][0])
        return {"ok": True}
    if path == "/entry":
        return entry()
    if path == "/launch":
        return launch()
    if path == "/plant":
        return plant(q["kind"][0])
    if path == "/target":
        with open(TARGET, encoding="utf-8") as f:
            return {"text": f.read()}
    if path == "/remove":
        return remove()
    raise DriverError("unknown request " + path)


serve("autostart-driver", WORK, PORT_FILE, answer, one_at_a_time=False)
