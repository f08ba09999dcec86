"""Fails when a registered test carries none, or more than one, of the suite's labels.
   check_test_labels.py CTEST BUILD_DIR LABEL...
`ctest -L unit` (README "Tests") only finds what is labelled: an unlabelled test would silently
drop out of every labelled run."""
import json
import subprocess
import sys


def labels_by_test(ctest, build_dir):
    listing = subprocess.run([ctest, "--show-only=json-v1"], cwd=build_dir, check=True,
                             capture_output=True, text=True).stdout
    out = {}
    for test in json.loads(listing)["tests"]:
        props = {p["name"]: p["value"] for p in test.get("properties", [])}
        out[test["name"]] = props.get("LABELS", [])
    return out


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: check_test_labels.py CTEST BUILD_DIR LABEL...")
    ctest, build_dir, known = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    tests = labels_by_test(ctest, build_dir)
    bad = {name: labels for name, labels in tests.items()
           if len([l for l in labels if l in known]) != 1}
    for name, labels in sorted(bad.items()):
        print(f"{name}: labels {labels or 'none'}; expected exactly one of {sorted(known)}")
    if bad:
        sys.exit(f"{len(bad)} of {len(tests)} tests lack exactly one label")
    counts = {}
    for labels in tests.values():
        for l in labels:
            counts[l] = counts.get(l, 0) + 1
    print(f"{len(tests)} tests, each with one label: {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
