"""A warden.conf.json whose plugins.<name>.grants is malformed stops `warden run` before any window
opens, with an error naming the file and the field: check_bad_config.py WARDEN APP_DIR WORK_DIR.
Two configs: an unknown scope in the list, and a string instead of a list."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from e2e_results import require  # noqa: E402

warden, app_src, work = sys.argv[1], sys.argv[2], sys.argv[3]
require(shutil.which("xvfb-run"), "xvfb-run is missing (Debian package xvfb)")
cases = {
    "unknown_scope": ('"grants": ["fs", "net"]', "plugins.grant-probe.grants[1]", "unknown scope 'net'"),
    "wrong_type": ('"grants": "fs"', "plugins.grant-probe.grants", "expected"),
}
for name, (grants, field, words) in cases.items():
    app = os.path.join(work, name)
    shutil.rmtree(app, ignore_errors=True)
    shutil.copytree(app_src, app)
    conf = os.path.join(app, "warden.conf.json")
    text = open(conf, encoding="utf-8").read()
    bad = re.sub(r'"grants": \[[^\]]*\]', grants, text)
    require(bad != text, "the app config has no plugins.grant-probe.grants to break")
    open(conf, "w", encoding="utf-8").write(bad)
    run = subprocess.run(["xvfb-run", "-a", warden, "run", app, "--timeout", "20", "--exit-after-load"],
                         capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    require(run.returncode != 0, f"{name}: warden run started with a malformed grants key:\n{out}")
    require(conf in out and field in out and words in out,
            f"{name}: the error does not name {conf}, {field} and '{words}':\n{out}")
    require("loading app://" not in out, f"{name}: a window opened:\n{out}")
    print(f"{name}: refused ({out.strip().splitlines()[-1]})")
