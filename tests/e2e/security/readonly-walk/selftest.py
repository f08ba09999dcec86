"""The walk's judge against effects made on purpose, without WebKit: a checker that saw nothing
would make every set pass. selftest.py WORK_DIR

Each case plants a tree, records it, makes one effect (write, truncate, create, delete, rename,
chmod, a link retargeted, an mtime touched), and asserts that the snapshot sees it and that the
judge blames the one call that named the path, not the call that only looked nearby."""
import base64
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
from e2e_results import require  # noqa: E402
import walk  # noqa: E402


def bits(flags):
    out = bytearray((len(flags) + 7) // 8)
    for i, on in enumerate(flags):
        if on:
            out[i >> 3] |= 1 << (i & 7)
    return base64.b64encode(bytes(out)).decode()


def run_case(work, name, effect):
    shutil.rmtree(work, ignore_errors=True)
    scratch, canary = f"{work}/scratch", f"{work}/canary"
    os.makedirs(f"{scratch}/home/w0/sub")
    os.makedirs(f"{canary}/dir")
    walk.write(f"{scratch}/home/w0/victim.txt", "victim\n")
    walk.write(f"{canary}/secret.txt", "SECRET\n")
    os.symlink(f"{canary}/secret.txt", f"{scratch}/home/w0/link-out")
    victim = f"{scratch}/home/w0/victim.txt"
    calls = [
        {"c": "plugin:fs|exists", "a": {"path": f"{scratch}/home/w0"}},  # looks at the folder only
        {"c": "plugin:fs|open", "a": {"path": victim, "options": {"write": True, "truncate": True}}},
        {"c": "plugin:fs|open", "a": {"path": f"{scratch}/home/w0/link-out", "options": {"write": True}}},
    ]
    plan = {"windows": [{"label": "w0", "set": "fs:test", "roots": [f"{scratch}/home"], "calls": calls}],
            "commands": {"fs": ["exists", "open"], "os": []}, "scratch": scratch, "canary": canary,
            "home": f"{scratch}/home", "batches": 0, "vars": {"APPLOG": f"{scratch}/applog"}}
    walk.dump(f"{work}/plan.json", plan)
    walk.take(work, "before")
    expect = effect(scratch, canary)
    walk.take(work, "after")
    ok = [True, True, expect == "link"]
    with open(f"{work}/results.txt", "w") as f:
        report = {"n": 3, "ran": bits([True] * 3), "ok": bits(ok), "timeout": bits([False] * 3), "m": {}}
        f.write("w0\tDONE " + json.dumps(report) + "\n")
    walk.judge(work)
    failures = json.load(open(f"{work}/judged.json"))["sets"]["fs:test"]["failures"]
    changed = [f for f in failures if " was " in f]
    if expect is None:
        require(not changed, f"{name}: nothing changed, yet: {changed}")
    else:
        require(changed, f"{name}: the effect went unseen")
        culprit = "call #2" if expect == "link" else "call #1"
        require(all(culprit in f for f in changed), f"{name}: blamed the wrong call: {changed}")
    # The writable handles the plan's opens resolved with are failures of their own.
    handles = [f for f in failures if "writable file handle" in f]
    require(len(handles) == sum(ok[1:]), f"{name}: writable handles reported: {handles}")
    print(f"{name}: {'nothing seen, as nothing changed' if expect is None else changed[0][:160]}")


def main():
    work = sys.argv[1]

    def write(s, c):
        with open(f"{s}/home/w0/victim.txt", "a") as f:
            f.write("more")
        return "victim"

    def same_size(s, c):
        with open(f"{s}/home/w0/victim.txt", "r+") as f:
            f.write("VICTIM")  # same length: only the hash and the mtime tell
        return "victim"

    def truncate(s, c):
        os.truncate(f"{s}/home/w0/victim.txt", 0)
        return "victim"

    def chmod(s, c):
        os.chmod(f"{s}/home/w0/victim.txt", 0o4755)
        return "victim"

    def delete(s, c):
        os.remove(f"{s}/home/w0/victim.txt")
        return "victim"

    def replace(s, c):
        # Same content, written atomically: only the inode says it is another file.
        walk.write(f"{s}/home/w0/victim.tmp", "victim\n")
        os.replace(f"{s}/home/w0/victim.tmp", f"{s}/home/w0/victim.txt")
        return "victim"

    def through_link(s, c):
        with open(f"{s}/home/w0/link-out", "w") as f:
            f.write("overwritten through the link")
        return "link"

    def touch(s, c):
        subprocess.run(["touch", "-d", "2001-01-01", f"{s}/home/w0/victim.txt"], check=True)
        return "victim"

    def nothing(s, c):
        with open(f"{s}/home/w0/victim.txt") as f:
            f.read()
        os.listdir(f"{s}/home/w0")
        return None

    for name, effect in [("write", write), ("same_size", same_size), ("truncate", truncate), ("chmod", chmod),
                         ("delete", delete), ("replace", replace), ("through_link", through_link), ("touch", touch),
                         ("nothing", nothing)]:
        run_case(work, name, effect)


if __name__ == "__main__":
    main()
