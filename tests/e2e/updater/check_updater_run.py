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
                               symlink and the folder it points at is untouched
The plugin-folders suite's (plugin_folder_runs.sh; WORK_DIR is that suite's):
  record_shared_folder         (run before the shared run, not a check) every file of WORK/shared-plugins:
                               path, mode, size, mtime and sha256, to shared-plugins-before.json
  shared_folder_unchanged      the shared --plugins folder after the shared run is that record, entry
                               for entry: the update never wrote into it
  shared_archive_plugins_in_app_folder  the installed app folder (the page's snapshot) holds the
                               archive's ./plugins, file for file: it went there and only there
  inside_folder_unchanged_by_refusals  the app folder, its plugins folder included, the same before and
                               after the refused archives (without ./plugins, ./plugins a file)
  shared_folder_unchanged_by_refusal  the app folder the same (path, mode, sha256) before and after the
                               refused updates (a capability needing a plugin the shared folder lacks,
                               an app library missing)
  shared_refusal_logged        the shared run's log holds all the host said about that update
  inside_plugins_installed     the relaunched app's folder holds the 1.1.0 archive's ./plugins, file for
                               file (ping included), and nothing is left beside it"""
import hashlib
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


def tree_record(folder):
    """path -> mode, size, mtime and sha256 of folder itself (".": an entry added and removed
    changes its mtime) and of every entry under it (links not followed)."""
    st = os.lstat(folder)
    out = {".": [oct(st.st_mode), st.st_size, st.st_mtime_ns, ""]}
    for root, dirs, names in os.walk(folder):
        for name in names + dirs:
            path = os.path.join(root, name)
            st = os.lstat(path)
            digest = ""
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            out[os.path.relpath(path, folder)] = [oct(st.st_mode), st.st_size, st.st_mtime_ns, digest]
    return out


def release_plugins(release):
    """The sha256 of each file of a release's ./plugins, keyed as the server's snapshots key them."""
    folder = os.path.join(work, "releases", release, "plugins")
    require(os.path.isdir(folder), f"the release {release} has no plugins folder")
    return {"plugins/" + path: entry[3] for path, entry in tree_record(folder).items() if path != "."}


def snapshot_plugins(name):
    files = load(f"snapshot-{name}.json")["files"]
    return {path: entry["sha256"] for path, entry in files.items() if path.startswith("plugins/") and path != "plugins/"}


def require_same_plugins(snapshot, release):
    found, wanted = snapshot_plugins(snapshot), release_plugins(release)
    differ = sorted(p for p in set(found) | set(wanted) if found.get(p) != wanted.get(p))
    require(not differ, f"the app folder's plugins differ from the {release} archive's: {differ}")
    return len(wanted)


if check == "record_shared_folder":
    record = tree_record(os.path.join(work, "shared-plugins"))
    require(record, "the shared plugins folder is empty")
    with open(os.path.join(work, "shared-plugins-before.json"), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1, sort_keys=True)
    print(f"{len(record)} entries recorded")
elif check == "shared_folder_unchanged":
    before = load("shared-plugins-before.json")
    after = tree_record(os.path.join(work, "shared-plugins"))
    require(load("snapshot-shared-end.json"), "the shared run never reached its relaunched 1.1.0")
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    require(not changed, f"the update changed the shared plugins folder: {changed}")
    print(f"{len(after)} entries unchanged: " + ", ".join(f"{p} {e[3][:16]}" for p, e in sorted(after.items())))
elif check == "shared_archive_plugins_in_app_folder":
    count = require_same_plugins("shared-end", "shared-v110")
    print(f"the app folder holds the archive's {count} plugins files")
elif check in ("inside_folder_unchanged_by_refusals", "shared_folder_unchanged_by_refusal"):
    before, refused = {"inside_folder_unchanged_by_refusals": ("inside-start", "inside-refusals"),
                       "shared_folder_unchanged_by_refusal": ("shared-start", "shared-refusal")}[check]
    start, after = load(f"snapshot-{before}.json"), load(f"snapshot-{refused}.json")
    if check.startswith("inside"):
        require(any(p.startswith("plugins/lib") for p in start["files"]), "the first snapshot has no plugins/lib*.so")
    require("warden.conf.json" in start["files"], f"the first snapshot has no warden.conf.json: {sorted(start['files'])}")
    changed = [
        p for p in set(start["files"]) | set(after["files"]) if start["files"].get(p) != after["files"].get(p)]
    require(not changed, f"the refused archives changed the app folder: {sorted(changed)}")
    require(not leftovers(after["beside"]), f"update folders left beside the app: {leftovers(after['beside'])}")
    print(f"{len(start['files'])} entries unchanged, nothing left beside the app folder")
elif check == "shared_refusal_logged":
    with open(os.path.join(work, "log-shared.txt"), encoding="utf-8", errors="replace") as f:
        log = f.read()
    said = log.find("the host's check said:")
    require(said >= 0, "the shared run's log has no \"the host's check said:\" (the refused update's host errors)")
    require("unknown plugin 'ping'" in log[said:], "the host's errors in the log do not name the unknown plugin 'ping'")
    print("the log holds the host's errors, naming the unknown plugin 'ping'")
elif check == "inside_plugins_installed":
    count = require_same_plugins("inside-end", "inside-v110")
    require("plugins/libping.so" in snapshot_plugins("inside-end"), "no plugins/libping.so in the installed folder")
    after = load("snapshot-inside-end.json")
    require(not leftovers(after["beside"]), f"update folders left beside the app: {leftovers(after['beside'])}")
    print(f"the relaunched app folder holds the 1.1.0 archive's {count} plugins files, libping.so among them")
elif check == "folder_unchanged_by_attacks":
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
