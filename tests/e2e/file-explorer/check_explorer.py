#!/usr/bin/env python3
"""Asserts one outcome of examples/file-explorer's #selftest: check_explorer.py RESULTS CHECK."""
import json
import sys

results, check = sys.argv[1], sys.argv[2]
line = next((l for l in open(results) if l.startswith("main\tDONE ")), None)
if line is None:
    sys.exit(f"{results}: no 'main<TAB>DONE' line: the self-test did not finish")
report = json.loads(line.split("\tDONE ", 1)[1])


def denied(key):
    value = report.get(key, {})
    return isinstance(value, dict) and isinstance(value.get("denied"), str) and value["denied"] != ""


checks = {
    "lists_granted_folder": lambda: sorted(report["list"]["names"]) == ["etc-link", "notes.txt", "photos", "projects"],
    "opens_subfolder": lambda: report["sub"]["names"] == ["plan.md"],
    "previews_text": lambda: report["text"].get("text") == "hello from notes\n",
    "previews_image_through_asset_scheme": lambda: report["image"].get("image") == 96,
    "outside_denied": lambda: denied("outside"),
    "symlink_out_denied": lambda: denied("link_out"),
    "dotdot_out_denied": lambda: denied("dotdot"),
}
if not checks[check]():
    sys.exit(f"{check} failed; report: {json.dumps(report, indent=1)}")
print(f"{check}: ok")
