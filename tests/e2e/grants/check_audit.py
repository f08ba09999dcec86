"""The audit lines of a grants e2e run (log::grant, docs/grants.md): check_audit.py WORK on|off.
on: the folder grant of main is one "scope granted" line with every field, the host-private refusal
and the metacharacter folders are there with their canonical paths, and no grant names the second
window. off: every grant was refused, naming the missing key."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from e2e_results import require  # noqa: E402

work, mode = sys.argv[1], sys.argv[2]
log = open(os.path.join(work, "log.txt"), encoding="utf-8", errors="replace").read()
home = os.path.realpath(os.path.join(work, "home"))
lines = [l for l in log.splitlines() if "scope granted:" in l or "scope grant refused:" in l]
require(lines, "no grant audit line in the log")
fields = re.compile(r'plugin="[^"]*" window="[^"]*" webview="[^"]*" origin="[^"]*" scope="[^"]*" path=".*" '
                    r'recursive=(true|false) outcome="(granted|refused)" reason=".*"$')
for l in lines:
    require(fields.search(l), f"an audit line without every field: {l}")

if mode == "on":
    folder = (f'scope granted: plugin="grant-probe" window="main" webview="main" origin="app://localhost" '
              f'scope="fs" path="{home}/picked" recursive=true outcome="granted" reason=""')
    require(any(folder in l for l in lines), f"no audit line for the folder grant; lines:\n" + "\n".join(lines))
    require(any('outcome="refused"' in l and "host-private" in l and "/logs" in l for l in lines),
            "no audit line for the host-private refusal")
    require(any(f'path="{home}/meta/class/[a]"' in l and 'outcome="granted"' in l for l in lines),
            "no audit line for the folder named [a]")
    require(any('scope="asset"' in l and f'path="{home}/pics/granted.png"' in l and 'outcome="granted"' in l
                for l in lines), "no audit line for the asset grant")
    require(not any('window="second"' in l for l in lines), "a grant names the second window")
else:
    require(all('outcome="refused"' in l and "plugins.grant-probe.grants" in l for l in lines),
            "a grant without the key was not refused naming it:\n" + "\n".join(lines))
print(f"{len(lines)} audit lines checked ({mode})")
