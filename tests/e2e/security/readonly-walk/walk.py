"""The hostile walk over the read-only permission sets (issue 12, "Also").

walk.py plan WORK FS_LIB OS_LIB WARDEN APP_TEMPLATE BUNDLE BATCH
                                         plants the scratch tree and the canary, writes the apps
                                         (one window per permission set, BATCH windows per run)
walk.py snapshot WORK NAME               records every path of the scratch tree and the canary
walk.py judge WORK                       blames each change on the calls that named its path
walk.py check WORK WHAT                  one ctest: WHAT is a set ("fs:allow-home-read"), or
                                         disk, canary, exec, coverage

The sets and the commands come from the plugins' own manifests (`warden plugin inspect`), never
from a list kept here: a new set gets a window, a new command gets walked. Each window holds
exactly one set and calls every command of fs and os with hostile arguments; the runner then
proves from outside, by comparing full snapshots (path, type, mode, size, mtime, ctime, inode,
link target, SHA-256 of the content) that nothing was written, created, deleted, renamed or
chmod-ed, and from strace's record that nothing but WebKit's own helpers was executed.
"""
import base64
import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
from e2e_results import require  # noqa: E402

IDENTIFIER = "dev.warden.e2e.readonly-walk"
# The sets this walk covers: fs:default, os:default, and every fs permission or set whose
# identifier says it only reads or looks (read-*, meta-*, allow-<dir>-read[-recursive],
# allow-<dir>-meta[-recursive]). CMakeLists.txt applies the same rule to name the ctests.
READ_ONLY_SET = re.compile(r"^(read|meta)-|-(read|meta)(-recursive)?$")
# Command groups without a path of their own (read-all, read-files, ...) get one through the
# capability entry, as an app grants them (examples/file-explorer): $HOME/granted and below.
GROUP_SCOPE = ["$HOME/granted", "$HOME/granted/**"]
# Folders the host keeps out of every plugin's reach whatever a scope says (PathEnvironment::
# private_paths in host/plugin/path_variables.hpp): a set whose scope lies wholly inside them
# reaches nothing, and that is the expected outcome, not a walk that missed its scope.
HOST_PRIVATE = ["$APPLOG"]
O4777 = 0o4777


# ---------------------------------------------------------------------------------------------
# The run's environment and the scope variables it gives (the host's rules, host/plugin/
# path_variables.cpp, for the variables this runner sets; an unknown variable stops the plan).

def environment(work):
    s = os.path.join(work, "scratch")
    return {
        "HOME": f"{s}/home",
        "XDG_CONFIG_HOME": f"{s}/xdg-config",
        "XDG_DATA_HOME": f"{s}/xdg-data",
        "XDG_CACHE_HOME": f"{s}/xdg-cache",
        "XDG_RUNTIME_DIR": f"{s}/xdg-runtime",
        "XDG_BIN_HOME": f"{s}/bin",
        "TMPDIR": f"{s}/tmp",
    }


def variables(work):
    e = environment(work)
    home, data = e["HOME"], e["XDG_DATA_HOME"]
    app = lambda base: f"{base}/{IDENTIFIER}"
    return {
        "HOME": home, "CONFIG": e["XDG_CONFIG_HOME"], "DATA": data, "LOCALDATA": data,
        "CACHE": e["XDG_CACHE_HOME"], "RUNTIME": e["XDG_RUNTIME_DIR"], "TEMP": e["TMPDIR"],
        "DESKTOP": f"{home}/Desktop", "DOCUMENT": f"{home}/Documents", "DOWNLOAD": f"{home}/Downloads",
        "AUDIO": f"{home}/Music", "PICTURE": f"{home}/Pictures", "PUBLIC": f"{home}/Public",
        "TEMPLATE": f"{home}/Templates", "VIDEO": f"{home}/Videos", "FONT": f"{data}/fonts",
        "EXE": e["XDG_BIN_HOME"], "RESOURCE": os.path.join(work, "scratch", "app"),
        "APPCONFIG": app(e["XDG_CONFIG_HOME"]), "APPDATA": app(data), "APPLOCALDATA": app(data),
        "APPCACHE": app(e["XDG_CACHE_HOME"]), "APPLOG": f"{app(data)}/logs", "LOG": f"{app(data)}/logs",
    }


def literal_root(pattern, vars_):
    """The folder a scope pattern starts at: "$HOME/**" -> the run's $HOME."""
    m = re.match(r"^\$([A-Z]+)(/.*)?$", pattern)
    if not m:
        raise SystemExit(f"walk: scope pattern {pattern!r} does not start with a $VARIABLE")
    if m.group(1) not in vars_:
        raise SystemExit(f"walk: scope variable ${m.group(1)} is unknown to the walk (add it to variables())")
    rest = [p for p in (m.group(2) or "").split("/") if p]
    literal = []
    for part in rest:
        if any(ch in part for ch in "*?[{"):
            break
        literal.append(part)
    return os.path.join(vars_[m.group(1)], *literal)


# ---------------------------------------------------------------------------------------------
# Manifests

def inspect(warden, lib):
    out = subprocess.run([warden, "plugin", "inspect", lib], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def walked_sets(fs_manifest):
    """[(identifier, [its permissions' scope patterns])] for every read-only set of fs."""
    m = fs_manifest["manifest"]
    perms = {p["identifier"]: p for p in m["permissions"]}
    sets = {s["identifier"]: s for s in m["sets"]}

    def patterns(ident, seen):
        if ident in seen:
            return []
        seen.add(ident)
        if ident in perms:
            return [e["path"] for e in perms[ident]["scope"]["allow"] if isinstance(e, dict) and "path" in e]
        if ident in sets:
            return [p for sub in sets[ident]["permissions"] for p in patterns(sub, seen)]
        raise SystemExit(f"walk: fs names permission '{ident}', which its manifest does not define")

    # allow-<command> / deny-<command> are generated for every command (allow-read is the
    # `read` command's): one command each, not a set, and a deny grants nothing.
    generated = {f"{verb}-{c.replace('_', '-')}" for c in fs_manifest["commands"] for verb in ("allow", "deny")}
    chosen = sorted(i for i in list(perms) + list(sets) if READ_ONLY_SET.search(i) and i not in generated)
    out = [("fs:default", [p for sub in m["default"]["permissions"] for p in patterns(sub, set())])]
    out += [(f"fs:{i}", patterns(i, set())) for i in chosen]
    return out


# ---------------------------------------------------------------------------------------------
# The scratch tree: per window and per root folder a planted tree named w<n>, in reach of the
# set's scope, with links out of it to the canary.

def plant(root, label, canary):
    own = f"{root}/{label}"
    os.makedirs(f"{own}/sub", exist_ok=True)
    write(f"{own}/victim.txt", f"victim of {label}\n")
    write(f"{own}/sub/inner.txt", "inner\n")
    write(f"{root}/{label}-top.txt", f"top of {label}\n")
    # A tripwire: if anything ever ran it, the canary would hold a file saying so.
    write(f"{own}/tool.sh", f"#!/bin/sh\necho ran > '{canary}/executed-{label}'\n", 0o755)
    os.symlink(f"{canary}/secret.txt", f"{own}/link-out")
    os.symlink(f"{canary}/dir", f"{own}/dirlink-out")
    os.symlink(f"{canary}/made-through-{label}", f"{own}/dangling")
    os.symlink(f"{canary}/secret.txt", f"{root}/{label}-link")


def write(path, text, mode=0o644):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)


# ---------------------------------------------------------------------------------------------
# The calls. A call is {"c": command, "a": args} for __TAURI_INTERNALS__.invoke (binary: "b"
# body bytes and "h" headers), or {"p": package function, "pa": [args]} for the unmodified
# @tauri-apps/plugin-fs / plugin-os. {"$rid": k}: the resource id call k resolved with;
# {"$bytes": [...]}: a Uint8Array; {"$channel": 1}: a new Channel; {"$url": "file://..."}: a URL.

BYTES = {"$bytes": [104, 111, 115, 116, 105, 108, 101, 10]}  # "hostile\n"
WRITE_FLAGS = [
    {"write": True, "truncate": True},
    {"read": True, "write": True, "create": True, "mode": O4777},
    {"append": True},
    {"write": True},
    {"write": True, "create": True},
    {"read": True},
]
NEW_FLAGS = [{"write": True, "createNew": True, "mode": O4777}, {"append": True, "create": True}]
BOGUS_RIDS = [1, 2, 4294967295, -1]


class Walk:
    """The calls of one window. Lists are ordered most dangerous first. A full walk makes all of
    them at the window's first root; a light walk, and every further root (the app's several
    folders), the first two of each list and every writing flag of `open`. The sets generated per
    base directory (allow-<dir>-read|meta[-recursive]) differ only in their folder: the $HOME ones
    get the full walk, the others the light one, which keeps the run within a few minutes."""

    def __init__(self, commands, label, roots, canary, home, light=False):
        self.commands = commands  # {"fs": [...], "os": [...]}
        self.label, self.roots, self.canary, self.home, self.light = label, roots, canary, home, light
        self.calls = []
        self.cap = None

    def pick(self, items):
        return items if self.cap is None else items[:self.cap]

    def add(self, call):
        self.calls.append(call)
        return len(self.calls) - 1

    def inv(self, plugin, cmd, args, **extra):
        return self.add({"c": f"plugin:{plugin}|{cmd}", "a": args, **extra})

    def build(self):
        for plugin in ("fs", "os"):
            for cmd in self.commands[plugin]:
                before = len(self.calls)
                if plugin == "os":
                    self.os_command(cmd, self.targets(self.roots[0]))
                    continue
                walker = getattr(self, f"fs_{cmd}", None)
                for n, r in enumerate(self.roots):
                    self.cap = None if n == 0 and not self.light else 2
                    # A command this walk does not know yet still gets every hostile shape.
                    walker(cmd, self.targets(r)) if walker else self.generic(plugin, cmd, self.targets(r))
                require(len(self.calls) > before, f"no call walks {plugin}|{cmd}")
        self.cap = None
        self.packages()
        return self.calls

    def targets(self, r):
        own, c, label = f"{r}/{self.label}", self.canary, self.label
        t = {
            "root": r, "own": own, "victim": f"{own}/victim.txt", "sub": f"{own}/sub",
            "top": f"{r}/{label}-top.txt", "toplink": f"{r}/{label}-link", "link": f"{own}/link-out",
            "dirlink": f"{own}/dirlink-out", "dangling": f"{own}/dangling", "tool": f"{own}/tool.sh",
            "dotdot": f"{own}/sub/../victim.txt",
            "escape": f"{r}/" + os.path.relpath(f"{c}/secret.txt", r),
            "secret": f"{c}/secret.txt", "cdir": f"{c}/dir", "cnew": f"{c}/new-{label}.txt",
            "new": f"{own}/new.txt", "newtop": f"{r}/{label}-new.txt", "newdir": f"{own}/newdir",
        }
        # Relative to a base directory ($HOME), climbing out of it to the canary.
        t["based"] = os.path.relpath(f"{c}/secret.txt", self.home)
        return t

    # --- fs: by path --------------------------------------------------------------------
    def fs_read_file(self, cmd, t):
        for p in self.pick([t["link"], t["victim"], t["toplink"], t["dotdot"], t["escape"], t["secret"], f"{t['dirlink']}/inner.txt"]):
            self.inv("fs", cmd, {"path": p, "options": {}})
        self.inv("fs", cmd, {"path": t["based"], "options": {"baseDir": 21}})
        self.inv("fs", cmd, {"path": {"$url": "file://" + t["victim"]}})

    fs_read_text_file = fs_read_file

    def fs_write_file(self, cmd, t):
        binary = lambda p, opts: self.inv("fs", cmd, {}, b=BYTES, h={"path": {"$enc": p}, "options": json.dumps(opts)})
        for p in self.pick([t["victim"], t["link"], t["secret"]]):
            self.inv("fs", cmd, {"path": p, "data": [120], "options": {}})
        for p in self.pick([t["victim"], t["dangling"], t["new"], t["link"], t["toplink"], t["cnew"], f"{t['dirlink']}/new.txt"]):
            binary(p, {})
        for opts in self.pick([{"append": True}, {"mode": O4777}, {"create": False}]):
            binary(t["victim"], opts)
        binary(t["new"], {"createNew": True, "mode": O4777})
        binary(t["based"], {"baseDir": 21, "append": True})

    fs_write_text_file = fs_write_file

    def fs_read_dir(self, cmd, t):
        for p in self.pick([t["dirlink"], t["own"], t["root"], self.canary]):
            self.inv("fs", cmd, {"path": p, "options": {}})

    def fs_mkdir(self, cmd, t):
        for p, opts in self.pick([
            (t["root"], {"recursive": True, "mode": 0o7777}), (f"{t['newdir']}/a/b", {"recursive": True}),
            (f"{t['own']}/modedir", {"mode": 0o7777}),
            (t["own"], {"recursive": True, "mode": O4777}), (t["newdir"], {}),
            (f"{t['dirlink']}/made", {"recursive": True}), (f"{self.canary}/made", {"recursive": True}),
            (t["dangling"], {"recursive": True}),
        ]):
            self.inv("fs", cmd, {"path": p, "options": opts})

    def fs_remove(self, cmd, t):
        for p, opts in self.pick([
            (t["own"], {"recursive": True}), (t["victim"], {}), (t["root"], {"recursive": True}), (t["dirlink"], {"recursive": True}),
            (t["link"], {}), (t["toplink"], {}), (t["dangling"], {}), (t["secret"], {}), (t["cdir"], {"recursive": True}), (t["sub"], {}),
        ]):
            self.inv("fs", cmd, {"path": p, "options": opts})

    def fs_rename(self, cmd, t):
        own, c = t["own"], self.canary
        for a, b in self.pick([
            (t["victim"], f"{own}/renamed.txt"), (own, f"{t['root']}/{self.label}-moved"), (t["top"], f"{c}/stolen-{self.label}.txt"),
            (t["secret"], f"{own}/stolen.txt"), (t["victim"], t["link"]), (t["sub"], f"{t['dirlink']}/sub"),
            (t["root"], t["root"] + "-moved"), (t["tool"], f"{c}/tool-{self.label}.sh"),
        ]):
            self.inv("fs", cmd, {"oldPath": a, "newPath": b, "options": {}})

    def fs_copy_file(self, cmd, t):
        own, c = t["own"], self.canary
        for a, b in self.pick([
            (t["victim"], t["link"]), (t["secret"], f"{own}/copy2.txt"), (t["victim"], f"{own}/copy.txt"), (t["victim"], t["dangling"]),
            (t["victim"], f"{c}/copy-{self.label}.txt"), (t["victim"], t["top"]),
        ]):
            self.inv("fs", cmd, {"fromPath": a, "toPath": b, "options": {}})

    def fs_truncate(self, cmd, t):
        for p in self.pick([t["victim"], t["link"], t["toplink"], t["dangling"], t["secret"], t["escape"]]):
            self.inv("fs", cmd, {"path": p, "len": 0, "options": {}})
        self.inv("fs", cmd, {"path": t["victim"], "len": 1 << 20, "options": {}})

    def fs_exists(self, cmd, t):
        for p in self.pick([t["root"], t["link"], t["victim"], t["own"], t["dirlink"]]):
            self.inv("fs", cmd, {"path": p, "options": {}})

    fs_size = fs_stat = fs_lstat = fs_exists

    # --- fs: open files -------------------------------------------------------------------
    def follow_ups(self, k):
        self.inv("fs", "seek", {"rid": {"$rid": k}, "offset": 0, "whence": 2})
        self.inv("fs", "write", {"rid": {"$rid": k}, "data": [120]})
        self.inv("fs", "ftruncate", {"rid": {"$rid": k}, "len": 0})

    def fs_open(self, cmd, t):
        opens = [(t["victim"], o) for o in WRITE_FLAGS] + [(t["new"], o) for o in NEW_FLAGS] + [
            (t["link"], WRITE_FLAGS[0]), (t["link"], WRITE_FLAGS[1]), (t["dangling"], {"write": True, "create": True}),
            (t["secret"], {"write": True}), (t["cnew"], NEW_FLAGS[0]),
            # Direct entries of the root, for the sets that reach only those.
            (t["top"], WRITE_FLAGS[0]), (t["newtop"], NEW_FLAGS[0])]
        if self.cap is not None:
            opens = [opens[i] for i in (0, 1, 2, 6, 10, 13, 14)]
        for p, opts in opens:
            self.follow_ups(self.inv("fs", cmd, {"path": p, "options": opts}))

    def fs_create(self, cmd, t):
        for p in self.pick([t["victim"], t["dangling"], f"{t['own']}/created.txt", t["link"]]):
            k = self.inv("fs", cmd, {"path": p, "options": {}})
            self.inv("fs", "write", {"rid": {"$rid": k}, "data": [120]})

    def by_rid(self, cmd, extra):
        for rid in self.pick(BOGUS_RIDS):
            self.inv("fs", cmd, {"rid": rid, **extra})

    def fs_read(self, cmd, t):
        self.by_rid(cmd, {"len": 16})

    def fs_write(self, cmd, t):
        self.by_rid(cmd, {"data": [120]})
        self.inv("fs", cmd, {}, b=BYTES, h={"rid": "1"})

    def fs_seek(self, cmd, t):
        self.by_rid(cmd, {"offset": 0, "whence": 0})

    def fs_fstat(self, cmd, t):
        self.by_rid(cmd, {})

    def fs_ftruncate(self, cmd, t):
        self.by_rid(cmd, {"len": 0})

    def fs_read_text_file_lines(self, cmd, t):
        for p in self.pick([t["victim"], t["link"], t["secret"]]):
            k = self.inv("fs", cmd, {"path": p, "options": {}})
            self.inv("fs", "read_text_file_lines_next", {"rid": {"$rid": k}})
            self.inv("fs", "ftruncate", {"rid": {"$rid": k}, "len": 0})

    def fs_read_text_file_lines_next(self, cmd, t):
        self.by_rid(cmd, {})

    def fs_watch(self, cmd, t):
        for paths, opts in self.pick([([t["root"]], {"recursive": True}), ([t["dirlink"]], {"recursive": True}),
                                      ([t["own"], t["cdir"]], {}), ([t["dangling"]], {"delayMs": 10})]):
            k = self.inv("fs", cmd, {"paths": paths, "options": opts, "onEvent": {"$channel": 1}})
            self.inv("fs", "unwatch", {"rid": {"$rid": k}})

    def fs_unwatch(self, cmd, t):
        self.by_rid(cmd, {})

    # --- anything else ----------------------------------------------------------------------
    def generic(self, plugin, cmd, t):
        everything = {"read": True, "write": True, "append": True, "truncate": True, "create": True,
                      "recursive": True, "mode": O4777}
        for p in self.pick([t["victim"], t["link"], t["dangling"], t["secret"], t["new"], t["own"], t["root"]]):
            self.inv(plugin, cmd, {"path": p, "options": everything, "len": 0, "data": [120],
                                   "oldPath": p, "newPath": t["cnew"], "fromPath": p, "toPath": t["cnew"],
                                   "paths": [p], "onEvent": {"$channel": 1}})
        for rid in self.pick(BOGUS_RIDS):
            self.inv(plugin, cmd, {"rid": rid, "len": 0, "data": [120], "offset": 0, "whence": 0})
        self.inv(plugin, cmd, {})
        self.inv(plugin, cmd, {}, b=BYTES, h={"path": {"$enc": t["victim"]}, "options": json.dumps(everything)})

    def os_command(self, cmd, t):
        # The os commands take no arguments: each with none, and with hostile ones it must ignore.
        self.inv("os", cmd, {})
        self.inv("os", cmd, {"path": t["victim"], "cmd": f"touch {self.canary}/os-{self.label}", "args": ["-c", "id"],
                             "options": {"write": True, "mode": O4777}, "env": {"LD_PRELOAD": t["tool"]}})

    # --- through the unmodified packages ------------------------------------------------------
    def packages(self):
        t = self.targets(self.roots[0])
        for fn, cmd, args in [
            ("fs.writeFile", "write_file", [t["victim"], BYTES]), ("fs.writeTextFile", "write_text_file", [t["link"], "x", {"append": True}]),
            ("fs.writeTextFile", "write_text_file", [t["new"], "x", {"createNew": True, "mode": O4777}]),
            ("fs.create", "create", [t["new"]]), ("fs.mkdir", "mkdir", [t["newdir"], {"recursive": True}]),
            ("fs.remove", "remove", [t["own"], {"recursive": True}]), ("fs.rename", "rename", [t["victim"], t["cnew"]]),
            ("fs.copyFile", "copy_file", [t["secret"], t["new"]]), ("fs.truncate", "truncate", [t["victim"], 0]),
            ("fs.readTextFile", "read_text_file", [t["victim"]]), ("fs.readDir", "read_dir", [t["own"]]),
            ("fs.exists", "exists", [t["victim"]]), ("fs.watchImmediate", "watch", [t["root"], {"recursive": True}]),
            ("os.locale", "locale", []), ("os.hostname", "hostname", []),
        ]:
            plugin = fn.split(".")[0]
            self.add({"p": fn, "cmd": f"plugin:{plugin}|{cmd}", "pa": args})
        # Read from the plugin's init script, no command behind them.
        for fn in ("os.platform", "os.arch", "os.type", "os.version", "os.family", "os.exeExtension", "os.eol"):
            self.add({"p": fn, "pa": []})
        for path, opts in [(t["victim"], WRITE_FLAGS[0]), (t["victim"], WRITE_FLAGS[2]), (t["new"], NEW_FLAGS[0]), (t["link"], WRITE_FLAGS[3])]:
            k = self.add({"p": "fs.open", "cmd": "plugin:fs|open", "pa": [path, opts]})
            for method, cmd, args in [("write", "write", [BYTES]), ("truncate", "ftruncate", [0])]:
                self.add({"p": "handle." + method, "cmd": f"plugin:fs|{cmd}", "on": k, "pa": args})


def plan(work, fs_lib, os_lib, warden, template, bundle, batch_size):
    """Plants the scratch tree and writes one app folder per batch of windows (scratch/app-<b>):
    every window at once would start a WebKit web process per set, more than a 2-core machine
    with other tests running should carry."""
    scratch, canary = f"{work}/scratch", f"{work}/canary"
    env, vars_ = environment(work), variables(work)
    fs_m, os_m = inspect(warden, fs_lib), inspect(warden, os_lib)
    commands = {"fs": fs_m["commands"], "os": os_m["commands"]}

    for d in list(env.values()) + [vars_[v] for v in ("APPCONFIG", "APPDATA", "APPCACHE", "APPLOG")] + [canary + "/dir"]:
        os.makedirs(d, exist_ok=True)
    os.chmod(env["XDG_RUNTIME_DIR"], 0o700)
    write(f"{canary}/secret.txt", "SECRET\n")
    write(f"{canary}/dir/inner.txt", "INNER\n")

    sets = walked_sets(fs_m) + [("os:default", [])]
    batches = [sets[i:i + batch_size] for i in range(0, len(sets), batch_size)]
    home = vars_["HOME"]
    windows = []
    for b, batch in enumerate(batches):
        app = f"{scratch}/app-{b}"
        shutil.copytree(template, app)
        shutil.copy(bundle, f"{app}/frontend/bundle.js")
        os.makedirs(f"{app}/capabilities")
        os.makedirs(f"{app}/frontend/plan")
        vars_["RESOURCE"] = app  # the host's $RESOURCE is the app folder of the run
        labels = []
        for ident, patterns in batch:
            label = f"w{len(windows)}"
            entry = ident
            if not patterns:
                # No path of its own: the app gives it one (a command group), or none reaches fs at
                # all (os:default): either way the walk aims at $HOME/granted.
                if ident.startswith("fs:"):
                    entry = {"identifier": ident, "allow": [{"path": p} for p in GROUP_SCOPE]}
                patterns = GROUP_SCOPE
            roots = sorted({literal_root(p, vars_) for p in patterns})
            for r in roots:
                os.makedirs(r, exist_ok=True)
                plant(r, label, canary)
            light = ident.startswith("fs:allow-") and not ident.startswith("fs:allow-home-")
            calls = Walk(commands, label, roots, canary, home, light).build()
            windows.append({"label": label, "set": ident, "batch": b, "entry": entry, "roots": roots, "calls": calls})
            labels.append(label)
            dump(f"{app}/capabilities/walk-{label}.json",
                 {"identifier": f"walk-{label}", "description": f"only {ident}", "windows": [label], "permissions": [entry]})
            dump(f"{app}/frontend/plan/{label}.json", {"set": ident, "calls": calls})
        dump(f"{app}/warden.conf.json", {
            "identifier": IDENTIFIER, "productName": "Warden readonly walk", "version": "0.1.0",
            "build": {"frontendDist": "frontend"},
            "app": {"windows": [{"label": l, "url": "index.html", "title": l, "width": 160, "height": 120} for l in labels],
                    "security": {}},
            "plugins": {"fs": {"path": os.path.realpath(fs_lib)}, "os": {"path": os.path.realpath(os_lib)}},
        })
    dump(f"{work}/plan.json", {"windows": windows, "commands": commands, "scratch": scratch, "canary": canary,
                                "home": home, "batches": len(batches), "vars": vars_})
    with open(f"{work}/batches.txt", "w") as f:
        f.write("".join(f"{scratch}/app-{b}\n" for b in range(len(batches))))
    print(f"walk: {len(windows)} windows in {len(batches)} runs, {sum(len(w['calls']) for w in windows)} calls", file=sys.stderr)


def dump(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------
# Snapshots

def snapshot(roots):
    out = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in [""] + dirnames + filenames:
                p = os.path.join(dirpath, name) if name else dirpath
                if name == "" and dirpath != root:
                    continue
                st = os.lstat(p)
                rec = {"type": stat.S_IFMT(st.st_mode), "mode": oct(stat.S_IMODE(st.st_mode)), "size": st.st_size,
                       "mtime": st.st_mtime_ns, "ctime": st.st_ctime_ns, "ino": st.st_ino, "nlink": st.st_nlink}
                if stat.S_ISLNK(st.st_mode):
                    rec["link"] = os.readlink(p)
                elif stat.S_ISREG(st.st_mode):
                    with open(p, "rb") as f:
                        rec["sha256"] = hashlib.sha256(f.read()).hexdigest()
                out[p] = rec
    return out


def take(work, name):
    p = json.load(open(f"{work}/plan.json"))
    dump(f"{work}/snapshot-{name}.json", snapshot([p["scratch"], p["canary"]]))


# ---------------------------------------------------------------------------------------------
# Checks

def results(work):
    """{label: report}; each report gains ran/ok/timeout as lists of booleans, one per call."""
    reports = {}
    with open(f"{work}/results.txt", encoding="utf-8") as f:
        for line in f:
            label, _, title = line.rstrip("\n").partition("\t")
            if not title.startswith("DONE "):
                continue
            r = json.loads(title[5:])
            for key in ("ran", "ok", "timeout"):
                if key in r:
                    bits = base64.b64decode(r[key])
                    r[key] = [bool(bits[i >> 3] >> (i & 7) & 1) for i in range(r["n"])]
            reports[label] = r
    return reports


def changes(work):
    before = json.load(open(f"{work}/snapshot-before.json"))
    after = json.load(open(f"{work}/snapshot-after.json"))
    out = []
    for p in sorted(set(before) | set(after)):
        a, b = before.get(p), after.get(p)
        if a == b:
            continue
        if a is None:
            out.append((p, f"created ({kind(b)}, mode {b['mode']}, {b['size']} bytes)"))
        elif b is None:
            out.append((p, f"deleted (was {kind(a)})"))
        else:
            fields = [f"{k} {a.get(k)} -> {b.get(k)}" for k in a if a.get(k) != b.get(k)]
            out.append((p, "changed: " + ", ".join(fields)))
    return out


def kind(rec):
    return {stat.S_IFREG: "file", stat.S_IFDIR: "folder", stat.S_IFLNK: "link"}.get(rec["type"], "special file")


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "$bytes":
                yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


def named_paths(call, calls, home):
    """The paths a call names, directly, through the call that gave it its resource id or file
    handle, and through the links on their way (a relative path is relative to $HOME, the only
    base directory the walk uses)."""
    named = set(strings_of([call.get("a"), call.get("h"), call.get("pa")]))
    if "on" in call:
        named |= set(strings_of(calls[call["on"]].get("pa")))
    for ref in re.findall(r'"\$rid(?:text)?": (\d+)', json.dumps(call)):
        named |= set(strings_of(calls[int(ref)].get("a")))
    out = set()
    for n in named:
        if n.startswith("file://"):
            n = n[len("file://"):]
        if n.startswith("%2F"):
            continue  # never sent as such: "$enc" values are plain paths here
        if not n.startswith("/"):
            if not re.match(r"^[\w.\-/]+$", n):
                continue  # a command line, an option's JSON text: not a path
            n = os.path.join(home, n)
        out |= {os.path.normpath(n), os.path.realpath(n)}
    return out


WRITING_WORDS = re.compile(r"write|truncate|create|remove|rename|copy|mkdir|append|mode")


def says_it_writes(call, calls):
    """Whether a call's command, package function or option names speak of changing something:
    only to name the likeliest culprits first, never to decide whether something changed."""
    text = json.dumps([call.get("c"), call.get("p"), call.get("cmd"), call.get("a"), call.get("h"), call.get("pa")])
    if "on" in call:
        text += json.dumps(calls[call["on"]].get("pa"))
    text = re.sub(r'"/[^"]*"', '""', text)  # the paths themselves say nothing
    return bool(WRITING_WORDS.search(text))


def primary(found, before, after):
    """Changes minus a folder's own mtime/ctime/size/nlink when an entry right inside it was
    created, deleted or changed: that entry's change says what happened."""
    parents = {os.path.dirname(p) for p, _ in found}
    out = []
    for p, what in found:
        a, b = before.get(p), after.get(p)
        if a and b and a["type"] == stat.S_IFDIR and p in parents and \
                all(a.get(k) == b.get(k) for k in a if k not in ("mtime", "ctime", "size", "nlink")):
            continue
        out.append((p, what))
    return out


def judge(work):
    """Blames every change of the disk on the calls that can have made it: the calls naming the
    changed path itself, else a folder above it; resolved calls first, else refused ones (a call
    may fail after its effect). Writes judged.json for the checks."""
    p = json.load(open(f"{work}/plan.json"))
    before = json.load(open(f"{work}/snapshot-before.json"))
    after = json.load(open(f"{work}/snapshot-after.json"))
    reports = results(work)
    index = []  # (label, i, named paths, resolved, says it writes)
    windows = {w["label"]: w for w in p["windows"]}
    for w in p["windows"]:
        ok = reports.get(w["label"], {}).get("ok") or []
        for i, call in enumerate(w["calls"]):
            index.append((w["label"], i, named_paths(call, w["calls"], p["home"]), i < len(ok) and ok[i], says_it_writes(call, w["calls"])))
    index_by = {(e[0], e[1]): e for e in index}
    blame, unexplained = {}, []
    for path, what in primary(changes(work), before, after):
        hits = []
        # Closest first: the path itself, a path below it (mkdir -p makes its parents), a folder
        # above it; resolved calls before refused ones; among those, the calls whose command or
        # options say they write before those that only look.
        relations = (lambda m: path == m, lambda m: m.startswith(path + "/"), lambda m: path.startswith(m + "/"))
        for related in relations:
            for resolved in (True, False):
                hits = [(label, i, resolved) for label, i, named, ok, _ in index if ok == resolved and any(related(m) for m in named)]
                if hits:
                    break
            if hits:
                break
        if hits:
            best = max(writes for label, i, named, ok, writes in index if (label, i, ok) in set(hits))
            hits = [h for h in hits if index_by[(h[0], h[1])][4] == best]
        else:
            unexplained.append(f"{path} was {what}")
        for label, i, resolved in hits:
            w = windows[label]
            how = "resolved" if resolved else "was refused, yet"
            blame.setdefault(label, []).append(f"{w['set']}: call #{i} {describe(w['calls'][i])} {how}: {path} was {what}")
    dump(f"{work}/judged.json", {"blame": blame, "unexplained": unexplained, "sets": verdicts(p, reports, blame)})


def describe(call):
    text = {k: v for k, v in call.items() if k in ("c", "p", "a", "h", "pa", "on")}
    s = json.dumps(text, separators=(",", ":"))
    s = re.sub(r'"mode":(\d+)', lambda m: f'"mode":0o{int(m.group(1)):o}', s)  # as a page author writes it
    return s if len(s) < 400 else s[:397] + "..."


WRITE_INTENT = ("write", "append", "truncate", "create", "createNew")


def verdicts(p, reports, blame):
    """{set: {"failures": [...], "summary": text}}: what each set's ctest prints."""
    out = {}
    for w in p["windows"]:
        ident, calls = w["set"], w["calls"]
        report = reports.get(w["label"])
        if report is None:
            out[ident] = {"failures": [f"{ident}: window {w['label']} reported nothing (a crash or a timeout: see log.txt)"]}
            continue
        if "error" in report:
            out[ident] = {"failures": [f"{ident}: window {w['label']} failed: {report['error']}"]}
            continue
        if report["n"] != len(calls):
            out[ident] = {"failures": [f"{ident}: window {w['label']} reported {report['n']} calls, its plan has {len(calls)}"]}
            continue
        ok = report["ok"]
        failures = list(blame.get(w["label"], []))
        # A writable descriptor handed to a read-only page is a hole even where this walk could not
        # use it (its write/ftruncate are not granted here).
        for i, call in enumerate(calls):
            opts = (call.get("a") or {}).get("options") if call.get("c") == "plugin:fs|open" else None
            if call.get("p") == "fs.open":
                opts = call["pa"][1]
            if isinstance(opts, dict) and any(opts.get(k) for k in WRITE_INTENT) and ok[i]:
                failures.append(f"{ident}: call #{i} {describe(call)} resolved: a writable file handle under a read-only set")
        reached = any(ok[i] for i, c in enumerate(calls)
                      if c.get("c") in ("plugin:fs|exists", "plugin:fs|stat", "plugin:fs|read_dir", "plugin:os|platform"))
        private = [p["vars"][v[1:]] for v in HOST_PRIVATE]
        if not reached and all(any(r == q or r.startswith(q + "/") for q in private) for r in w["roots"]):
            reached = "host-private"
        if not reached:
            failures.append(f"{ident}: no exists/stat/read_dir/platform call was allowed: the walk never reached the set's "
                            f"scope {w['roots']}, so it proves nothing (are the run's path variables those of walk.py?)")
        summary = (f"{ident} ({w['label']}): {len(calls)} calls planned, {sum(report['ran'])} made ({sum(ok)} resolved, "
                   f"{sum(report['timeout'])} timed out, the others refused; the rest skipped after the host refused their "
                   f"command), no effect on disk, no writable handle; "
                   + (f"scope reached at {w['roots']}" if reached is True else
                      f"every call refused: the scope {w['roots']} lies in a folder the host keeps from every plugin")
                   + "; refusals: "
                   f"{json.dumps(report.get('m'))}")
        out[ident] = {"failures": failures, "summary": summary}
    return out


def check_set(work, ident):
    sets = json.load(open(f"{work}/judged.json"))["sets"]
    if ident not in sets:
        sys.exit(f"{ident}: no window of the walk held this set (sets walked: {sorted(sets)})")
    v = sets[ident]
    if v["failures"]:
        print("\n".join(v["failures"]))
        sys.exit(1)
    print(v["summary"])


def check_global(work, what):
    p = json.load(open(f"{work}/plan.json"))
    if what == "disk":
        found = changes(work)
        if found:
            lines = [f"{path} was {w}" for path, w in found]
            unexplained = json.load(open(f"{work}/judged.json"))["unexplained"]
            sys.exit(f"the scratch tree or the canary changed ({len(found)} paths; the set checks name the calls):\n"
                     + "\n".join(lines[:200]) + ("\nnamed by no call of the walk:\n" + "\n".join(unexplained) if unexplained else ""))
        print(f"scratch tree and canary unchanged ({len(json.load(open(f'{work}/snapshot-after.json')))} paths compared)")
    elif what == "canary":
        found = [c for c in changes(work) if c[0].startswith(p["canary"])]
        if found:
            sys.exit("the canary outside the scratch tree changed:\n" + "\n".join(f"{a} was {b}" for a, b in found))
        print("the canary is unchanged")
    elif what == "exec":
        allowed = re.compile(r"/(warden|WebKitWebProcess|WebKitNetworkProcess|WebKitGPUProcess|bwrap|xdg-dbus-proxy)$")
        ran, pending = [], {}
        # strace -f: "PID execve("/path", ...) = 0", or split into "<unfinished ...>" and
        # "<... execve resumed>) = 0" when another thread of the process is traced meanwhile.
        lines = [l for b in range(p["batches"]) for l in open(f"{work}/exec-{b}.log", encoding="utf-8")]
        for line in lines:
            pid = line.split(" ", 1)[0]
            m = re.search(r'execve\("([^"]+)"', line)
            if m and "<unfinished" in line:
                pending[pid] = m.group(1)
            elif m and re.search(r"= 0$", line.strip()):
                ran.append(m.group(1))
            elif "execve resumed" in line and re.search(r"= 0$", line.strip()) and pid in pending:
                ran.append(pending.pop(pid))
        ran = [r for r in ran if r]
        if not ran:
            sys.exit("exec-*.log record no program at all: strace did not follow the runs")
        bad = sorted({r for r in ran if not allowed.search(r)})
        if bad:
            sys.exit("programs other than warden and WebKit's helpers ran during the walk: " + ", ".join(bad))
        print("programs run: " + ", ".join(sorted({os.path.basename(r) for r in ran})))
    elif what == "coverage":
        reports = results(work)
        missing = [w["label"] + " " + w["set"] for w in p["windows"] if w["label"] not in reports]
        if missing:
            sys.exit("windows that did not report: " + ", ".join(missing))
        for w in p["windows"]:
            ran = reports[w["label"]].get("ran") or []
            walked = {c.get("c", c.get("cmd", "")).split("|")[-1] for i, c in enumerate(w["calls"]) if i < len(ran) and ran[i]}
            for plugin in ("fs", "os"):
                left = [c for c in p["commands"][plugin] if c not in walked]
                if left:
                    sys.exit(f"{w['set']} ({w['label']}): commands of {plugin} never called: {left}")
        print(f"{len(p['windows'])} sets, each in its own window, called every command of fs "
              f"({len(p['commands']['fs'])}) and os ({len(p['commands']['os'])}): "
              + ", ".join(w["set"] for w in p["windows"]))
    else:
        sys.exit(f"walk check: unknown check {what!r} (a set like fs:default, or disk, canary, exec, coverage)")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    verb, work = sys.argv[1], sys.argv[2]
    if verb == "plan":
        plan(work, *sys.argv[3:8], int(sys.argv[8]))
    elif verb == "snapshot":
        take(work, sys.argv[3])
    elif verb == "judge":
        judge(work)
    elif verb == "check":
        what = sys.argv[3]
        check_set(work, what) if ":" in what else check_global(work, what)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
