#!/usr/bin/env python3
"""Kills the web process of a running `warden run` with SIGKILL and checks what the host does.

Usage: run_crash_test.py WARDEN APP_DIR once|twice APP_LIBRARY_DIR
(APP_LIBRARY_DIR holds libhello.app.so, the app commands sleep and stream.)

once:  the page starts slow calls (two sleeps of 10 s, and a stream that waits for a pool thread),
       its web process is killed; the host must log the crash, answer the dead page's calls at
       once, drop their late answers and the stream's messages, reload the page (the reloaded
       page says which load it is in its title), and exit 0.
twice: the reloaded page's web process is killed too, within the host's 30 s window; the host
       must show its error page instead of reloading again, and exit 0.
"""
import os
import signal
import subprocess
import sys
import threading
import time

warden, app, mode, app_libraries = sys.argv[1:]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)


def children(pid):
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return out


def descendants(pid):
    found, todo = [], [pid]
    while todo:
        for child in children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def command_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


class Lines:
    """Collects a stream's lines on a thread; wait_for() waits until one contains a text."""

    def __init__(self, stream):
        self.lines, self.cond = [], threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()

    def wait_for(self, text, timeout):
        deadline = time.monotonic() + timeout
        with self.cond:
            while not any(text in line for line in self.lines):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(left)
        return True

    def count(self, text):
        with self.cond:
            return sum(text in line for line in self.lines)

    def text(self):
        with self.cond:
            return "\n".join(self.lines)


def kill_web_process(host_pid):
    """SIGKILLs the WebKitWebProcess under the warden process; returns its pid or None."""
    warden_pids = [p for p in descendants(host_pid) if command_name(p) == "warden"]
    if len(warden_pids) != 1:
        return None
    web = [p for p in descendants(warden_pids[0]) if command_name(p).startswith("WebKitWebProces")]
    if len(web) != 1:
        print(f"web processes under warden {warden_pids[0]}: {web}", file=sys.stderr)
        return None
    os.kill(web[0], signal.SIGKILL)
    return web[0]


# What the page says arrives in the host's log as a request for a missing file (page.js).
said = "404 app://localhost/signal/"
exit_prefix = "done" if mode == "once" else "This page stopped working"
# Two pool threads: the first page's two sleeps hold both, so its stream starts after it died.
env = dict(os.environ, UV_THREADPOOL_SIZE="2")
proc = subprocess.Popen(
    ["xvfb-run", "-a", warden, "--log-level", "info", "run", app, "--plugins", app_libraries, "--exit-on-title", exit_prefix, "--timeout", "90"],
    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
out, err = Lines(proc.stdout), Lines(proc.stderr)

try:
    check(err.wait_for(said + "load%201%20calling%20sleep", 45), "the first page never started its call")
    killed = kill_web_process(proc.pid)
    check(killed is not None, "no single WebKitWebProcess found under the warden process")
    check(err.wait_for("webview 'main': web process crashed; reloading the page", 20), "the host did not log the crash")
    check(err.wait_for("webview 'main': answered 3 call(s) in flight with an error", 5),
          "the dead page's call was not answered when its page died")
    check(err.wait_for(said + "load%202", 30), "the page was not reloaded")
    if mode == "twice":
        check(kill_web_process(proc.pid) is not None, "no WebKitWebProcess to kill the second time")
        check(err.wait_for("web process crashed again within 30 s; showing an error page instead of reloading", 20),
              "the host did not give up reloading after the second crash")
    else:
        # The sleep of the dead page ends while the reloaded page waits for its own.
        check(err.wait_for("dropped the answer to a call of webview 'main' whose page is gone", 30),
              "the late answer to the dead page's call was not dropped")
        # The stream's 3 messages and its end, each dropped.
        # Page 1 is the first document; its death makes page 2, and the reloaded document page 3.
        check(err.wait_for("webview 'main': dropped a message for its page 1, which is gone", 30),
              "the dead page's channel was not dropped")
    code = proc.wait(timeout=60)
except subprocess.TimeoutExpired:
    code = None
    check(False, "the host did not exit")
finally:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

time.sleep(0.2)  # let the readers take the last lines
check(code == 0, f"the host exited with {code}, not 0")
if mode == "once":
    check("main\tdone load=2 echo=2" in out.text(), "the reloaded page did not report load=2 and a working echo")
    check(err.count(said + "load%203") == 0, "the page was reloaded more than once")
    check(err.count("dropped a message for its page 1,") == 4, "not every message of the dead page's channel was dropped")
else:
    check("main\tThis page stopped working" in out.text(), "the error page was not shown")
    check(err.count(said + "load%203") == 0, "the page was reloaded after the second crash")
check(err.count(said + "the%20first%20page") == 0, "the dead page's call answered into a page")

if failures:
    print("--- stdout ---\n" + out.text() + "\n--- stderr ---\n" + err.text(), file=sys.stderr)
    sys.exit(1)
print(f"{mode}: ok")
