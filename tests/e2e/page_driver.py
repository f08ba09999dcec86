"""What the e2e drivers (windows/x_driver.py, menus/menu_driver.py, tray/sni_driver.py) share: the
HTTP server a page's scenarios talk to, on 127.0.0.1 at a port of the system's choosing.
  serve(name, work, port_file, answer) answers GET /PATH?QUERY with answer(PATH, QUERY) as JSON,
  with Access-Control-Allow-Origin: * (the page is app://, the server http://127.0.0.1), and takes
  POST /report?window=W: the page's scenario results (JSON body), appended to WORK/page-results.txt
  as "W\tDONE <json>" (the format of results.txt: a report of many scenarios does not fit in a
  document title). PORT_FILE gets the port once the server listens (setup.sh waits for it).
A DriverError (or a missing or malformed query argument) answers 500 with {"error": ...}; every
request and its answer go to stderr (the driver's log in the run's folder). wait_until polls for
what a request waits on (a window mapped, a bus name taken).
Runs under /usr/bin/python3; a driver finds this file with sys.path (it sits one folder up)."""
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse


class DriverError(Exception):
    """Something the driver could not do or see: the page's scenario fails with this message."""


def wait_until(condition, what, seconds):
    """Polls `condition` every 50 ms; after `seconds` without it, a DriverError naming `what`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise DriverError("timed out waiting for " + what)
        time.sleep(0.05)


# Reports of two windows may come at once on a threading server: one line each, whole.
report_lock = threading.Lock()


def report(work, query, body):
    window = urllib.parse.parse_qs(query)["window"][0]
    results = json.loads(body)
    with report_lock, open(os.path.join(work, "page-results.txt"), "a", encoding="utf-8") as f:
        f.write(f"{window}\tDONE {json.dumps(results)}\n")
    return {"written": len(results)}


def handler_class(name, work, answer, errors):
    """A request handler for `answer`; `errors` are the driver's own failures answered as 500 too."""
    answered = (DriverError, KeyError, ValueError, subprocess.TimeoutExpired) + tuple(errors)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.respond(lambda url: answer(url.path, url.query))

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()

            def post(url):
                if url.path != "/report":
                    raise DriverError("unknown request POST " + url.path)
                return report(work, url.query, body)
            self.respond(post)

        def respond(self, action):
            url = urllib.parse.urlsplit(self.path)
            try:
                status, body = 200, action(url)
            except answered as e:
                status, body = 500, {"error": f"{type(e).__name__}: {e}"}
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            print(f"{name} {time.strftime('%H:%M:%S')}: {self.path} -> {status} {data.decode()[:2000]}",
                  file=sys.stderr, flush=True)

        def log_message(self, *args):
            pass  # respond() logs each request with its answer

    return Handler


def serve(name, work, port_file, answer, errors=(), one_at_a_time=True):
    """Serves until the driver is killed. one_at_a_time: a request waits for the one before it (the
    requests act on one pointer, one keyboard, one display); else a thread a request (a page may
    report while another request waits)."""
    server_class = http.server.HTTPServer if one_at_a_time else http.server.ThreadingHTTPServer
    with server_class(("127.0.0.1", 0), handler_class(name, work, answer, errors)) as server:
        server.daemon_threads = True
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.replace(port_file + ".tmp", port_file)
        server.serve_forever()
