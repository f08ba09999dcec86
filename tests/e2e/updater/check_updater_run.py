"""Checks of the updater e2e's files after its run (run_updater_e2e.sh):
    check_updater_run.py WORK_DIR CHECK
  folder_unchanged_by_attacks  the app folder's files (path, mode, sha256) the same before and after
                               the attacks (the server's snapshots at the page's request), and no
                               update folder left beside it
  nothing_escaped              no file an archive entry aimed outside the new folder exists
  installed_1_1_0              after the run the app folder holds 1.1.0, and nothing is left beside it
  interrupted_was_cut          the server did cut a download short
  config_headers_sent          every update request (not the page's report) carried the config's X-App header
  stale_leftover_removed       the leftover folder planted before the update run was there at its start and
                               gone after the attacks' installs; the symlink named like one is still a
                               symlink and the folder it points at is untouched"""
import json
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

work, check = sys.argv[1:3]


def load(name):
    path = os.path.join(work, name)
    require(os.path.isfile(path), f"{name} is missing: the page never asked for it")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


PLANTED_LINK = ".app.update-Link12"  # run_updater_e2e.sh's symlink named like a leftover: never removed


def leftovers(names):
    return [n for n in names if n.startswith(".app.update-") and n != PLANTED_LINK]


def server_log():
    with open(os.path.join(work, "server-log.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


if check == "folder_unchanged_by_attacks":
    start, after = load("snapshot-start.json"), load("snapshot-attacks.json")
    require(len(start["files"]) > 3, f"the first snapshot holds too few files: {sorted(start['files'])}")
    changed = [
        p for p in set(start["files"]) | set(after["files"]) if start["files"].get(p) != after["files"].get(p)]
    require(not changed, f"the attacks changed the app folder: {sorted(changed)}")
    require(not leftovers(after["beside"]), f"update folders left beside the app: {leftovers(after['beside'])}")
    print(f"{len(start['files'])} entries unchanged, nothing left beside the app folder")
elif check == "nothing_escaped":
    found = [os.path.join(r, n) for r, _, names in os.walk(work) for n in names if n.startswith("escaped-")]
    require(not found, f"archive entries escaped the new folder: {found}")
    print("no escaped-* file anywhere in the work folder")
elif check == "installed_1_1_0":
    with open(os.path.join(work, "app", "warden.conf.json"), encoding="utf-8") as f:
        text = f.read()
    require('"version": "1.1.0"' in text, "the app folder does not hold 1.1.0")
    require(not leftovers(os.listdir(work)), f"update folders left: {leftovers(os.listdir(work))}")
    print("the app folder holds 1.1.0; the old version's folder is gone")
elif check == "interrupted_was_cut":
    require(any(e["status"] == "cut" for e in server_log()), "the server never cut a download short")
    print("a download was cut mid-body")
elif check == "config_headers_sent":
    entries = [e for e in server_log() if not e["path"].startswith("/report")]  # the page's own POST
    require(entries, "the server saw no update request")
    missing = [e["path"] for e in entries if e["x_app"] != "warden-e2e"]
    require(not missing, f"requests without the config's X-App header: {missing}")
    print(f"{len(entries)} requests, each with X-App")
elif check == "stale_leftover_removed":
    start, after = load("snapshot-start.json"), load("snapshot-attacks.json")
    require(".app.update-Stale1" in start["beside"], f"the planted leftover was not there at the start: {start['beside']}")
    require(".app.update-Stale1" not in after["beside"], "the planted leftover is still there after the installs")
    link = os.path.join(work, PLANTED_LINK)
    require(os.path.islink(link), f"{PLANTED_LINK} is no longer a symlink")
    with open(os.path.join(work, "precious", "file"), encoding="utf-8") as f:
        require(f.read() == "precious\n", "the folder the symlink points at was changed")
    print("the leftover was removed; the symlink named like one and its target are untouched")
else:
    require(False, f"unknown check {check}")
