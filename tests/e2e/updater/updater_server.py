"""The update server of the updater e2e, on 127.0.0.1 only (port 0: the kernel picks one).
    updater_server.py SERVED_DIR PORT_FILE APP_DIR LOG_FILE [CERT KEY]
With CERT and KEY it speaks HTTPS with that certificate.
Routes (GET):
  /static.json                  SERVED_DIR/static.json (Tauri's static form)
  /dyn/<target>/<version>/<arch>
      none                        204, no update
      echo                        a release whose notes are the request's path and X-App/X-Test headers
      snapshot-start|-attacks     204, after writing WORK/snapshot-<name>.json: every file of APP_DIR
                                  (path, mode, sha256) and the folders beside it
      <name> with SERVED_DIR/dyn/<name>.json   that JSON
      anything else               404
  /files/<name>                 SERVED_DIR/files/<name>, whole
  /cut/<name>                   the same file's headers (its full Content-Length) and half its body,
                                then the connection closes: an interrupted download
POST /report?window=W: the page's results to WORK/page-results.txt (page_driver.py's report: the
results of three loads do not fit in a title).
Every request is appended to LOG_FILE as a JSON line."""
import hashlib
import http.server
import json
import os
import ssl
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from page_driver import report  # noqa: E402

served, port_file, app_dir, log_file = sys.argv[1:5]


def snapshot(name):
    files = {}
    for root, dirs, names in os.walk(app_dir):
        dirs.sort()
        for entry in sorted(names) + [d + "/" for d in dirs]:
            path = os.path.join(root, entry.rstrip("/"))
            rel = os.path.relpath(path, app_dir) + ("/" if entry.endswith("/") else "")
            st = os.lstat(path)
            digest = ""
            if not entry.endswith("/") and os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            files[rel] = {"mode": oct(st.st_mode), "sha256": digest}
    parent = os.path.dirname(app_dir)
    beside = sorted(os.listdir(parent))
    out = os.path.join(parent, f"snapshot-{name}.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"files": files, "beside": beside}, f, indent=1, sort_keys=True)
    os.replace(out + ".tmp", out)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record(self, status):
        with open(log_file, "a", encoding="utf-8") as f:
            f.write(json.dumps({"path": self.path, "status": status,
                                "x_app": self.headers.get("X-App"), "x_test": self.headers.get("X-Test")}) + "\n")

    def send(self, status, body=b"", content_type="application/json"):
        self.record(status)
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 204:
            self.wfile.write(body)

    def file_bytes(self, name):
        path = os.path.join(served, "files", os.path.basename(name))
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def dynamic(self, target):
        if target == "none":
            return self.send(204)
        if target.startswith("snapshot-"):
            snapshot(target[len("snapshot-"):])
            return self.send(204)
        if target == "echo":
            notes = f"{self.path} {self.headers.get('X-App')} {self.headers.get('X-Test')}"
            body = {"version": "1.0.1", "url": "http://127.0.0.1/none", "signature": "none", "notes": notes}
            return self.send(200, json.dumps(body).encode())
        path = os.path.join(served, "dyn", os.path.basename(target) + ".json")
        if not os.path.isfile(path):
            return self.send(404, b"{}")
        with open(path, "rb") as f:
            return self.send(200, f.read())

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/report":
            return self.send(404, b"{}")
        data = json.dumps(report(os.path.dirname(app_dir), url.query, body)).encode()
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return None

    def do_GET(self):
        parts = self.path.split("/")
        if self.path == "/static.json":
            with open(os.path.join(served, "static.json"), "rb") as f:
                return self.send(200, f.read())
        if len(parts) == 5 and parts[1] == "dyn":
            return self.dynamic(parts[2])
        if len(parts) == 3 and parts[1] in ("files", "cut"):
            data = self.file_bytes(parts[2])
            if data is None:
                return self.send(404, b"")
            if parts[1] == "files":
                return self.send(200, data, "application/gzip")
            self.record("cut")
            self.send_response(200)
            self.send_header("Content-Type", "application/gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return None
        return self.send(404, b"")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if len(sys.argv) > 6:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[5], sys.argv[6])
    server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file + ".tmp", "w", encoding="utf-8") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
