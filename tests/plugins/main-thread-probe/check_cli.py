"""check_cli.py WARDEN PROBE_LIB SCENARIO: the probe through the real `warden` executable.
inspect: `warden plugin inspect` lists warden.main-thread/1 among the extensions the probe uses,
and that this host has it. plugin_call: `warden plugin call` runs no main loop, so the host refuses
the probe's request and the command fails with the helper's message, exit status 1 (no wait)."""
import json
import subprocess
import sys

warden, probe, scenario = sys.argv[1:4]
if scenario == "inspect":
    out = subprocess.run([warden, "plugin", "inspect", probe], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    uses = json.loads(out.stdout)["extensions"]["uses"]
    print("uses:", uses)
    assert uses == [{"id": "warden.main-thread/1", "host_has": True}], uses
elif scenario == "plugin_call":
    out = subprocess.run([warden, "plugin", "call", probe, "where"], capture_output=True, text=True, timeout=60)
    print("status", out.returncode, out.stderr.strip())
    assert out.returncode == 1, f"expected status 1, got {out.returncode}"
    assert "refused to run a function on its main thread (warden.main-thread/1)" in out.stderr, out.stderr
    ok = subprocess.run([warden, "plugin", "call", probe, "stats"], capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and json.loads(ok.stdout)["ran"] == 0, (ok.returncode, ok.stdout, ok.stderr)
else:
    sys.exit(f"unknown scenario {scenario}")
