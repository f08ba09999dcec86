"""Asserts one scenario of the main-thread probe's run: check_main_thread_probe.py WORK_DIR SCENARIO.
A page scenario: the page's own verdict (ok=true in its report). shutdown_report: the probe's
report, written by its shutdown: every callback the host accepted ran, on the main thread, before
the shutdown; the worker left waiting for the main thread at exit was released by a refusal; a
request made during shutdown was refused."""
import json
import os
import sys

work, scenario = sys.argv[1:3]

if scenario == "shutdown_report":
    path = os.path.join(work, "report.json")
    assert os.path.exists(path), "the probe wrote no shutdown report (was its shutdown called?)"
    report = json.load(open(path, encoding="utf-8"))
    print(json.dumps(report))
    assert report["accepted"] >= 200, f"fewer callbacks accepted than the page queued: {report}"
    assert report["ran"] == report["accepted"], f"accepted callbacks did not all run before shutdown: {report}"
    assert report["off_main_thread"] == 0, f"callbacks ran off the main thread: {report}"
    assert report["request_in_shutdown"] == -1, f"a request during shutdown was not refused: {report}"
    assert report["hold_refused"] is True, f"the waiting worker was not released by a refusal: {report}"
    assert report["shutdown_on_init_thread"] is True, f"shutdown ran off the main thread: {report}"
    sys.exit(0)

reports = {}
with open(os.path.join(work, "results.txt"), encoding="utf-8") as f:
    for line in f:
        label, _, title = line.rstrip("\n").partition("\t")
        if title.startswith("DONE "):
            reports[label] = json.loads(title[len("DONE "):])
if "main" not in reports:
    sys.exit(f"window 'main' reported nothing (windows that did: {sorted(reports)})")
result = reports["main"].get(scenario)
if result is None:
    sys.exit(f"window 'main' did not run '{scenario}': {reports['main']}")
print(f"main/{scenario}: ok={result['ok']} detail={result['detail']}")
sys.exit(0 if result["ok"] is True else 1)
