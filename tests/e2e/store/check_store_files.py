"""Checks the store files the e2e runs left on disk: check_store_files.py WORK_DIR CHECK.
CHECK is after_run1 (what run 1 saved, explicitly, automatically and at shutdown), confined
(nothing written outside the app data folder, no temporary files left) or damaged_untouched."""
import json
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

work, check = sys.argv[1:3]
after_run1 = os.path.join(work, "after-run1")
app_data = os.path.join(work, "data", "dev.warden.e2e.store")


def load(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        return json.load(f)


if check == "after_run1":
    settings = load(after_run1, "settings.json")
    expected = {"theme": "dark", "user": {"name": "Ana", "langs": ["fr", "en"]}, "saved_at": "run1"}
    require(settings == expected, f"settings.json after run 1: {settings}, expected {expected}")
    pending = load(after_run1, "pending.json")
    require(pending == {"note": "saved by shutdown"}, f"pending.json (saved at shutdown): {pending}")
    lazy = load(after_run1, os.path.join("lazy", "auto.json"))
    require(lazy == {"x": "lazy"}, f"lazy/auto.json: {lazy}")
    mode = os.stat(os.path.join(after_run1, "settings.json")).st_mode & 0o777
    require(mode == 0o600, f"settings.json has mode {oct(mode)}, expected 0o600")
    print("run 1 saved settings.json, pending.json at shutdown and lazy/auto.json automatically")
elif check == "confined":
    stray = []
    for folder in (after_run1, app_data):
        for root, _, files in os.walk(folder):
            stray += [os.path.join(root, f) for f in files if ".tmp-" in f]
    require(not stray, f"temporary files left: {stray}")
    escaped = [p for p in (os.path.join(work, "data", "escape.json"), "/tmp/warden-store-abs.json") if os.path.exists(p)]
    require(not escaped, f"files written outside the app data folder: {escaped}")
    names = sorted(os.path.relpath(os.path.join(r, f), app_data) for r, _, fs in os.walk(app_data) for f in fs)
    print("app data after run 2:", names)
elif check == "damaged_untouched":
    original = open(os.path.join(work, "broken.orig"), "rb").read()
    for folder in (after_run1, app_data):
        now = open(os.path.join(folder, "broken.json"), "rb").read()
        require(now == original, f"{folder}/broken.json changed: {now!r}")
    print("broken.json unchanged by both runs")
else:
    sys.exit(f"unknown check {check}")
