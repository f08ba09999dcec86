"""The dialog e2e's grants, read from the host's audit lines (log.txt): exactly the paths the user
picked were granted to main, each once, with Tauri's recursion, and nothing else: not the folder a
cancelled dialog started in, not a defaultPath, not the host-private folder the user picked.
Without plugins.dialog.grants, nothing at all.
  check_grants_log.py WORK grants|nogrants"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from e2e_results import require  # noqa: E402

work, run = sys.argv[1], sys.argv[2]
files = os.path.join(os.path.realpath(work), "files")
granted = []
with open(os.path.join(work, "log.txt"), encoding="utf-8", errors="replace") as f:
    for line in f:
        if 'outcome="granted"' not in line:
            continue
        fields = dict(re.findall(r'(\w+)="([^"]*)"', line))
        recursive = re.search(r"recursive=(true|false)", line)
        granted.append((fields.get("plugin"), fields.get("window"), fields.get("scope"), fields.get("path"),
                        recursive.group(1) if recursive else None))

if run == "nogrants":
    require(not granted, f"without plugins.dialog.grants nothing is granted; the log has {granted}")
else:
    expected = [("fs", "picked", "true"), ("asset", "picked", "true"),
                ("fs", "shallow", "false"), ("asset", "shallow", "true"),
                ("fs", "images/red.png", "false"), ("asset", "images/red.png", "false"),
                ("fs", "multi/a.txt", "false"), ("asset", "multi/a.txt", "false"),
                ("fs", "multi/b.txt", "false"), ("asset", "multi/b.txt", "false"),
                ("fs", "saved/new.txt", "false"), ("asset", "saved/new.txt", "false")]
    want = sorted(("dialog", "main", scope, os.path.join(files, path), rec) for scope, path, rec in expected)
    require(sorted(granted) == want, f"the grants were {sorted(granted)}, expected {want}")
print(f"{run}: {len(granted)} grants, as expected")
