"""The http e2e's servers and outside view. Three servers on 127.0.0.1 that the page fetches
through the http plugin, each recording every request it sees:
  plain      http, the scenarios' paths (below)
  trusted    https with WORK/certs/trusted.pem (the run trusts it through SSL_CERT_FILE)
  untrusted  https with WORK/certs/untrusted.pem (trusted by nobody)
Two more for the main run:
  proxy      plain http, the same paths, given to the host as its environment's http_proxy (with
             credentials); it sees requests in absolute form, with the Proxy-Authorization
             libcurl made from the credentials
  stuck      a listener that never accepts, its accept queue filled by the driver's own two
             connections: the kernel drops further SYNs, so a connect to it times out (loopback
             only, no unroutable address)
Their ports go to WORK/servers.json before the driver's own port is written (setup.sh puts them
into the capabilities). Paths (TOKEN names the scenario's requests):
  /allowed/ok/TOKEN             200 "hello TOKEN", X-Test: yes
  /allowed/echo/TOKEN           200 JSON {method, headers, body_length} of the request
  /allowed/cookie/TOKEN         200 with Set-Cookie: warden_e2e=TOKEN; Path=/
  /allowed/latin1/TOKEN         200 with X-Name: caf\xe9 (a Latin-1 byte, not UTF-8)
  /allowed/cookie-persist/TOKEN 200 with kept=TOKEN (Max-Age 3600) and session=TOKEN (no expiry)
  /allowed/redirect-ok/TOKEN    302 to /allowed/ok/TOKEN
  /allowed/redirect-denied/TOKEN   302 to /allowed/denied/TOKEN (a deny entry)
  /allowed/redirect-outside/TOKEN  302 to /outside/TOKEN (no allow entry)
  /allowed/redirect-303/TOKEN   303 to /allowed/echo/TOKEN
  /allowed/redirect-cross/TOKEN 307 to the trusted https server's /allowed/echo/TOKEN
  /allowed/big/TOKEN            100 MiB (Content-Length), 64 KiB writes; the end is recorded
                                ({sent, closed_early})
  /allowed/stall/TOKEN          200, 1 KiB of body, then nothing for 30 s
  /allowed/silent/TOKEN         no answer at all for 60 s
  anything else                 200 "TOKEN" (a request that must never come: it is recorded)
The page asks (GET, query arguments):
  /seen?token=T&wait=MS   the requests whose path holds T ({requests: [{server, method, path,
                          headers, body_length}]}), after MS (so that a late one shows)
  /big?token=T&wait=MS    how /allowed/big/T ended ({sent, closed_early} or {} when running)
  /big-sent?token=T&wait=MS  the bytes /allowed/big/T has written so far, after MS ({sent})
  /vmhwm                  the host's peak and current resident memory ({hwm_kb, rss_kb}, from
                          /proc/PID/status, PID in WORK/host.pid written by record_pid.sh)
  /mark?name=N&value=V    stores V under N;  /marked?name=N&wait=MS  {value} once stored;
                          /has?name=N  {present}
  POST /report?window=W   the page's results (page_driver.py)
Runs under /usr/bin/python3; errors answer 500 with {"error": ...}."""
import http.server
import json
import os
import socket
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from page_driver import DriverError, serve, wait_until  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
BIG = 100 * 1024 * 1024

lock = threading.Lock()
seen = []       # every request of the three servers
big_ends = {}   # token -> {sent, closed_early}
big_sent = {}   # token -> bytes written so far
marks = {}


class TestServer(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_label = "plain"

    def log_message(self, fmt, *args):
        print(f"{self.server_label} {time.strftime('%H:%M:%S')}: {fmt % args}", file=sys.stderr, flush=True)

    def record(self, body_length):
        with lock:
            seen.append({"server": self.server_label, "method": self.command, "path": self.path,
                         "headers": {k.lower(): v for k, v in self.headers.items()}, "body_length": body_length})

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length", 0) or 0)
        body = self.rfile.read(length) if length else b""
        self.record(len(body))
        path = urllib.parse.urlsplit(self.path).path
        parts = path.strip("/").split("/")
        token = parts[-1]
        kind = parts[1] if len(parts) > 2 and parts[0] == "allowed" else ""
        if kind == "ok":
            return self.reply(200, f"hello {token}".encode(), [("X-Test", "yes"), ("Content-Type", "text/plain")])
        if kind == "echo":
            answer = {"method": self.command, "headers": {k.lower(): v for k, v in self.headers.items()},
                      "body_length": len(body)}
            return self.reply(200, json.dumps(answer).encode(), [("Content-Type", "application/json")])
        if kind == "latin1":  # http.server writes header values as Latin-1: one byte 0xE9
            return self.reply(200, b"latin1", [("X-Name", "caf\u00e9")])
        if kind == "cookie-persist":  # one cookie with an expiry, one for the session only
            return self.reply(200, b"set", [("Set-Cookie", f"kept={token}; Max-Age=3600; Path=/"),
                                            ("Set-Cookie", f"session={token}; Path=/")])
        if kind == "cookie":
            return self.reply(200, b"set", [("Set-Cookie", f"warden_e2e={token}; Path=/")])
        if kind == "redirect-cross":  # to the trusted https server: another origin
            return self.reply(307, b"", [("Location", f"https://127.0.0.1:{ports['https']}/allowed/echo/{token}")])
        if kind.startswith("redirect-"):
            where = {"redirect-ok": "/allowed/ok/", "redirect-denied": "/allowed/denied/",
                     "redirect-outside": "/outside/", "redirect-303": "/allowed/echo/"}[kind]
            return self.reply(303 if kind == "redirect-303" else 302, b"", [("Location", where + token)])
        if kind == "big":
            return self.big(token)
        if kind == "silent":
            time.sleep(60)  # never answers: the host must still exit
            self.close_connection = True
            return None
        if kind == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
            try:
                self.wfile.write(b"s" * 1024)
                self.wfile.flush()
                time.sleep(30)
            except OSError:
                pass
            self.close_connection = True
            return None
        return self.reply(200, token.encode())

    def big(self, token):
        self.send_response(200)
        self.send_header("Content-Length", str(BIG))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        block, sent, closed_early = bytes(range(256)) * 256, 0, False
        try:
            while sent < BIG:
                self.wfile.write(block)
                sent += len(block)
                big_sent[token] = sent
            self.wfile.flush()
        except OSError:
            closed_early = True
            self.close_connection = True
        with lock:
            big_ends[token] = {"sent": sent, "closed_early": closed_early}

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def start(label, cert=None):
    handler = type(f"{label}Handler", (TestServer,), {"server_label": label})
    server = Server(("127.0.0.1", 0), handler)
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(WORK, "certs", cert + ".pem"), os.path.join(WORK, "certs", cert + ".key"))
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def vmhwm():
    with open(os.path.join(WORK, "host.pid"), encoding="utf-8") as f:
        pid = int(f.read())
    fields = {}
    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                fields[name] = int(value.split()[0])
    return {"hwm_kb": fields["VmHWM"], "rss_kb": fields["VmRSS"], "pid": pid}


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    if path == "/seen":
        time.sleep(int(q.get("wait", "0")) / 1000)
        with lock:
            return {"requests": [r for r in seen if q["token"] in r["path"]]}
    if path == "/big":
        deadline = time.monotonic() + int(q.get("wait", "0")) / 1000
        while True:
            with lock:
                end = big_ends.get(q["token"])
            if end or time.monotonic() > deadline:
                return end or {}
            time.sleep(0.05)
    if path == "/big-sent":
        time.sleep(int(q.get("wait", "0")) / 1000)
        return {"sent": big_sent.get(q["token"], 0)}
    if path == "/vmhwm":
        return vmhwm()
    if path == "/mark":
        with lock:
            marks[q["name"]] = q["value"]
        return {"marked": q["name"]}
    if path == "/has":
        with lock:
            return {"present": q["name"] in marks}
    if path == "/marked":
        wait_until(lambda: q["name"] in marks, "the mark " + q["name"], int(q.get("wait", "0")) / 1000)
        return {"value": marks[q["name"]]}
    raise DriverError("unknown request " + path)


def start_stuck():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    held = [listener]
    for _ in range(2):  # backlog 0 queues one connection; the second makes sure it is full
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        client.setblocking(False)
        client.connect_ex(("127.0.0.1", port))
        held.append(client)
    time.sleep(0.2)
    # Proof that the next connect hangs: it must not complete within a second.
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(("127.0.0.1", port))
        sys.exit("http_driver: the stuck listener accepted a connection (its accept queue is not full)")
    except socket.timeout:
        pass
    finally:
        probe.close()
    return port, held


ports = {}
stuck_port, stuck_sockets = start_stuck()  # kept open for the driver's life
ports = {"http": start("plain"), "https": start("trusted", "trusted"), "untrusted": start("untrusted", "untrusted"),
         "proxy": start("proxy"), "stuck": stuck_port}
with open(os.path.join(WORK, "servers.json.tmp"), "w", encoding="utf-8") as f:
    json.dump(ports, f)
os.replace(os.path.join(WORK, "servers.json.tmp"), os.path.join(WORK, "servers.json"))
# Threads: "main" waits on /marked while "other" sends its marks and reports.
serve("http-driver", WORK, PORT_FILE, answer, one_at_a_time=False)
