#!/usr/bin/env python3
"""Validates `warden doctor --json` output against manifests/doctor.schema.json, for a machine
state with an outdated WebKitGTK, one where it cannot tell, and plugin folders with a good
library, an invalid one and a pin mismatch.

Usage: check_doctor_schema.py SCHEMA WARDEN GOOD_LIB BAD_LIB PINNED_LIB
Needs the jsonschema module (Debian's python3-jsonschema); without it the check fails."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system):
        os.execv(system, [system, *sys.argv])
    print("the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(1)

schema_path, warden, good, bad, pinned = sys.argv[1:]
with open(schema_path) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def package(version, installed=False):
    status = "Status: install ok installed\n" if installed else ""
    return f"Package: libwebkit2gtk-4.1-0\n{status}Architecture: amd64\nVersion: {version}\n\n"


failed = False
with tempfile.TemporaryDirectory() as tmp:
    outdated = os.path.join(tmp, "outdated-root")
    write(f"{outdated}/var/lib/dpkg/status", package("2.50.6-1~deb12u2", True))
    write(f"{outdated}/var/lib/apt/lists/x_bookworm-security_main_binary-amd64_Packages", package("2.50.6-1~deb12u3"))
    empty = os.path.join(tmp, "empty-root")
    os.makedirs(empty)
    plugins = os.path.join(tmp, "plugins")
    os.makedirs(plugins)
    for lib, name in ((good, "good.so"), (bad, "bad.so"), (pinned, "pinned.so")):
        shutil.copy(lib, os.path.join(plugins, name))
    pinned_name = json.loads(subprocess.run([warden, "plugin", "inspect", pinned], capture_output=True, text=True,
                                            check=True).stdout)["name"]
    app = os.path.join(tmp, "app")
    write(f"{app}/warden.conf.json", json.dumps({"identifier": "dev.warden.schema",
                                                 "plugins": {pinned_name: {"sha256": "0" * 64}}}))
    write(f"{app}/capabilities/main.json", json.dumps({"identifier": "main", "windows": ["main"],
                                                       "permissions": ["core:default", "nope:default"]}))
    runs = {
        "outdated": ["--dpkg-root", outdated],
        "cannot tell": ["--dpkg-root", empty],
        "plugins": ["--dpkg-root", empty, app, "--plugins", plugins],
    }
    outputs = {}
    for label, args in runs.items():
        r = subprocess.run([warden, "doctor", "--json", *args], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            print(f"{label}: exit {r.returncode}: {r.stderr}", file=sys.stderr)
            failed = True
            continue
        out = json.loads(r.stdout)
        outputs[label] = out
        errors = list(validator.iter_errors(out))
        for e in errors:
            print(f"{label}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
        # The schema's promise: problems is empty exactly when the exit status is 0.
        if (r.returncode == 0) != (not out["problems"]):
            print(f"{label}: exit {r.returncode} but problems = {out['problems']}", file=sys.stderr)
            failed = True
        failed |= bool(errors)
        print(f"{label}: {'invalid' if errors else 'valid'}")
    statuses = {p["status"] for p in outputs.get("plugins", {}).get("plugins", [])}
    if statuses != {"load", "refused"} or outputs.get("plugins", {}).get("acl", {}).get("status") != "refused":
        print("the plugins run did not cover a loaded plugin, a refused one and a refused ACL", file=sys.stderr)
        failed = True
# The schema must reject what it should: a refused plugin that claims a name.
if "plugins" in outputs:
    broken = json.loads(json.dumps(outputs["plugins"]))
    for p in broken["plugins"]:
        if p["status"] == "refused":
            p["name"] = "x"
    if validator.is_valid(broken):
        print("the schema accepted a refused plugin with a name", file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
