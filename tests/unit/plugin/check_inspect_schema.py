#!/usr/bin/env python3
"""Validates `warden plugin inspect` output against manifests/plugin-inspect.schema.json.

Usage: check_inspect_schema.py SCHEMA WARDEN LIB...
Needs the jsonschema module (Debian's python3-jsonschema, installed by
scripts/install-deps.sh); without it the check fails rather than pass unchecked."""
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    # Debian's package serves the system interpreter; another python3 may come first in PATH.
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system):
        os.execv(system, [system, *sys.argv])
    print("the jsonschema module is missing (apt-get install python3-jsonschema)", file=sys.stderr)
    sys.exit(1)

schema_path, warden, *libs = sys.argv[1:]
with open(schema_path) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for lib in libs:
    out = subprocess.run([warden, "plugin", "inspect", lib], capture_output=True, text=True, check=True).stdout
    errors = list(validator.iter_errors(json.loads(out)))
    for e in errors:
        print(f"{lib}: {'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
    failed |= bool(errors)
    print(f"{lib}: {'invalid' if errors else 'valid'}")
# The schema must reject what it should: a wrong type where a name belongs.
bad = json.loads(out)
bad["name"] = "Not A Name"
if validator.is_valid(bad):
    print("the schema accepted an invalid plugin name", file=sys.stderr)
    failed = True
sys.exit(1 if failed else 0)
