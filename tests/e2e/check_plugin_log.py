"""Asserts what the log plugin wrote during the plugins e2e run: check_plugin_log.py WORK_DIR.
The main window's info line is in the app's log folder ($XDG_DATA_HOME/<identifier>/logs/e2e.log)
and in the host's console log; the trace (below the configured level) and the second window's
denied call are in neither; the file that includes only webview:other* stayed empty."""
import os
import sys
from e2e_results import require  # noqa: E402

work = sys.argv[1]
logs = os.path.join(work, "data", "dev.warden.e2e.plugins", "logs")
text = open(os.path.join(logs, "e2e.log"), encoding="utf-8").read()
console = open(os.path.join(work, "log.txt"), encoding="utf-8").read()
line = "[INFO] [webview:main] e2e info from main run=e2e"
require(line in text, f"the info line is not in e2e.log:\n{text}")
require("[WARN] [webview:main] e2e warn evented" in text, f"the warning is not in e2e.log:\n{text}")
require("e2e trace dropped" not in text, "a trace record passed the debug level")
require("from second" not in text, "the denied call of the second window was written")
require("[plugin log] [webview:main] e2e info from main run=e2e" in console, "the info line is not in the host's log")
require("e2e trace dropped" not in console, "a trace record reached the host's log")
other = os.path.join(logs, "other.log")
require(os.path.exists(other) and os.path.getsize(other) == 0, "other.log (include webview:other*) is not empty")
for l in text.splitlines():
    require(l.startswith("[") and "][" in l[:30], f"a line without the timestamp: {l!r}")
print(f"{logs}/e2e.log: {len(text.splitlines())} lines; host log has the info line; other.log empty")
