"""Checks the isolation run's JSON log: check_log.py LOG_FILE CHECK
  forgeries_refused:  each request the page forged outside the isolation frame is an audit record
                      (window main, origin app://localhost, status 403) whose reason says why:
                      a plain request, a body that does not decrypt, a replayed message
  vetoed_never_sent:  calls the hook vetoed never reached the host (no record of them at all)
  key_not_logged:     no log line holds anything like the isolation key (32 numbers) or any 64-hex secret"""
import json
import re
import sys
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

log_file, check = sys.argv[1:3]
lines = open(log_file, encoding="utf-8").read().splitlines()
records = []
for line in lines:
    if line.startswith("{"):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as e:
            sys.exit(f"not a JSON log line ({e}): {line}")
denials = [r for r in records if r.get("event") == "ipc.denied"]

if check == "forgeries_refused":
    expected = [("greet", "plain request under the isolation pattern"),
                ("greet", "does not decrypt"),
                ("plugin:app|name", "replayed isolation message")]
    for command, reason in expected:
        found = [d for d in denials if d["command"] == command and reason in d["reason"]]
        if not found:
            sys.exit(f"no denial of {command!r} with reason containing {reason!r}; denials: {denials}")
        d = found[0]
        require(d["window"] == "main" and d["webview"] == "main", d)
        require(d["origin"] == "app://localhost", d)
        require(d["status"] == 403 and d["level"] == "warning", d)
    require(len(denials) == len(expected), f"expected exactly {len(expected)} denials, got {denials}")
    print(f"{len(denials)} forged requests refused with their reasons: " + "; ".join(d["reason"] for d in denials))
    sys.exit(0)
if check == "vetoed_never_sent":
    started = [r for r in records if "isolation pattern" in r.get("msg", "")]
    require(started, "the host did not log that the isolation pattern is on")
    vetoed = [d for d in denials if d["command"] == "plugin:app|version"]
    require(not vetoed, f"a vetoed call reached the host: {vetoed}")
    print("isolation pattern on; the vetoed calls never reached the host")
    sys.exit(0)
if check == "key_not_logged":
    key_like = re.compile(r"\[(\d{1,3},){31}\d{1,3}\]|[0-9a-f]{64}")
    leaks = [l for l in lines if key_like.search(l)]
    require(not leaks, f"key-like text in the log: {leaks[:3]}")
    print(f"{len(lines)} log lines, none holding a key")
    sys.exit(0)
sys.exit(f"unknown check {check}")
