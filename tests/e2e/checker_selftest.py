"""The e2e checks fail without `assert`: under `python3 -O` (which drops every assert) a check
must still exit non-zero on a failing result. checker_selftest.py CHECK_RESULTS_PY

Runs check_results.py's closed_mid_call check with -O on a run where the window that closed
itself with calls in flight still reported (a failure only a former assert caught), and, as the
control, on the same run without that report (which must pass)."""
import os
import subprocess
import sys
import tempfile


def run_check(check, work, closer_reported):
    results = os.path.join(work, "results.txt")
    with open(results, "w", encoding="utf-8") as f:
        f.write("main\tDONE {}\n")
        if closer_reported:
            f.write("closer\tDONE {}\n")
    with open(os.path.join(work, "log.txt"), "w", encoding="utf-8") as f:
        f.write("webview 'closer' closed with 18 call(s) in flight\nwindow 'closer' closed\n" +
                "ipc: settled a call of closed webview 'closer'\n" * 18)
    return subprocess.run([sys.executable, "-O", check, results, "closer", "closed_mid_call"],
                          capture_output=True, text=True)


def main():
    check = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="warden-checker-selftest-") as work:
        failing = run_check(check, work, closer_reported=True)
        control = run_check(check, work, closer_reported=False)
    problems = []
    if failing.returncode == 0:
        problems.append("under python3 -O the check passed a run where the closed window reported")
    elif "the closed window reported" not in failing.stderr:
        problems.append(f"the check failed for another reason: {failing.stderr.strip()!r}")
    if control.returncode != 0:
        problems.append(f"the control run failed: {control.stderr.strip()!r}")
    if problems:
        sys.exit("; ".join(problems))
    print(f"python3 -O: the failing run exits {failing.returncode} ({failing.stderr.strip()}); the control passes")


if __name__ == "__main__":
    main()
