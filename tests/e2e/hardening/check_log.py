"""Checks the hardening run's JSON log: check_log.py LOG_FILE CHECK
  json_lines:  every line the host wrote is one JSON object with time, level and msg or event
  denials:     the refused calls of the page are audit records with command, window, webview,
               origin, status and the reason (a body no bridge sends, the authority's reason)"""
import json
import sys
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

log_file, check = sys.argv[1:3]
records = []
for line in open(log_file, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.startswith("{"):
        continue  # WebKit, GTK or Xvfb may write their own lines to stderr
    try:
        records.append(json.loads(line))
    except json.JSONDecodeError as e:
        sys.exit(f"not a JSON log line ({e}): {line}")
if check == "json_lines":
    require(len(records) >= 3, f"only {len(records)} JSON lines in the log")
    for r in records:
        require("time" in r and "level" in r and ("msg" in r or "event" in r), f"incomplete record: {r}")
    print(f"{len(records)} JSON log lines, all with time, level and msg/event")
    sys.exit(0)
if check == "denials":
    denials = [r for r in records if r.get("event") == "ipc.denied"]
    def find(command, reason_part):
        for d in denials:
            if d["command"] == command and reason_part in d["reason"]:
                return d
        sys.exit(f"no denial of {command!r} with reason containing {reason_part!r}; denials: {denials}")
    for command, reason, status in [("plugin:app|version", "unsupported content type", 400), ("greet", "", 403)]:
        d = find(command, reason)
        require(d["window"] == "main" and d["webview"] == "main", d)
        require(d["origin"] == "app://localhost", d)
        require(d["status"] == status and d["level"] == "warning", d)
    greet = find("greet", "")
    require(greet["reason"] and greet["reason"] != "not allowed", f"the authority's reason is missing: {greet}")
    print(f"{len(denials)} denials logged, e.g. {greet}")
    sys.exit(0)
sys.exit(f"unknown check {check}")
