"""Checks one scenario of e2e.security.shell: check_attack.py WORK_DIR SCENARIO BUILD_TYPE.
Exit 0 when the page reported the scenario as expected AND the attack left nothing on disk:
no pwned-* file from code the page smuggled in, no commit in the other repository, no attach
URL at the opener. Prints what it found either way."""
import json
import pathlib
import re
import subprocess
import sys
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2]))
from e2e_results import scenario_report  # noqa: E402

work = pathlib.Path(sys.argv[1])
scenario = sys.argv[2]
build_type = sys.argv[3] if len(sys.argv) > 3 else ""
failures = []

WINDOW = {"mailto_attach_refused": "mail", "mailto_plain_still_opens": "mail"}


def report(window, name):
    return scenario_report(work / "results.txt", window, name)


def absent(path, what):
    if path.exists():
        failures.append(f"{what}: {path} exists, holding {path.read_text(errors='replace').strip()!r}")
    else:
        print(f"{path.name} absent: {what} did not happen")


def opened_lines():
    return (work / "opened.txt").read_text(encoding="utf-8").splitlines()


def attach_fields(url):
    """The field names of a mailto: URL that contain "attach", read as leniently as any client."""
    text = fully_decoded(url)
    names = []
    for piece in re.split(r"[?&;]", text):
        if "=" in piece:
            name = "".join(c for c in piece.split("=", 1)[0] if ord(c) > 0x20 and ord(c) != 0x7F).lower()
            if "attach" in name:
                names.append(name)
    return names


def fully_decoded(text):
    for _ in range(10):
        decoded = urllib.parse.unquote(text)
        if decoded == text:
            return decoded
        text = decoded
    return text


result = report(WINDOW.get(scenario, "main"), scenario)
print(f"{scenario}: page reported ok={result['ok']} detail={result['detail']}")
if result["ok"] is not True:
    failures.append("the page's scenario failed: " + str(result["detail"]))

if scenario == "git_config_env_runs_no_code":
    absent(work / "project" / "pwned-git", "git ran the page's core.fsmonitor command")
elif scenario == "bash_function_env_runs_no_code":
    absent(work / "project" / "pwned-bash", "bash ran the page's exported `date` function")
elif scenario == "cwd_other_repo_refused":
    count = subprocess.run(["git", "-C", str(work / "victim"), "rev-list", "--count", "HEAD"],
                           capture_output=True, text=True, check=True).stdout.strip()
    if count != "1":
        failures.append(f"git committed in the repository the page chose: {count} commits there, expected 1")
    else:
        print("the other repository still has its one commit")
elif scenario == "mailto_attach_refused":
    leaked = [l for l in opened_lines() if attach_fields(l)]
    if leaked:
        failures.append(f"the opener received attach URLs: {leaked}")
    else:
        print(f"no attach URL reached the opener (it received {opened_lines()})")
elif scenario == "mailto_plain_still_opens":
    want = "mailto:friend@example.com?subject=Hello%20there&body=see%20attached"
    if want not in opened_lines():
        failures.append(f"the opener did not receive {want}: {opened_lines()}")
elif scenario == "scope_details_hidden":
    # Release builds (as CI): the page gets the generic text only, the audit log the detail.
    # Debug builds append the detail for the developer.
    errors = json.loads(result["detail"]) if result["ok"] else {}
    secrets = ["git-commit", "stamp", "where", "\\S+", "allowed", "validator", "argument"]
    for name, message in errors.items():
        if not message.startswith("refused by scope"):
            failures.append(f"{name}: expected the generic 'refused by scope', the page got {message!r}")
        elif build_type != "Debug":
            shown = [s for s in secrets if s in message]
            if shown:
                failures.append(f"{name}: the page learnt {shown} from {message!r}")
    log = (work / "log.txt").read_text(encoding="utf-8", errors="replace")
    for detail in ["'nope' is not in the shell scope", "does not match the validator", "takes exactly 0 arguments"]:
        if detail not in log:
            failures.append(f"the host's log lacks the refusal's detail {detail!r}")
elif scenario not in ("cwd_etc_refused", "env_null_still_runs"):
    sys.exit(f"unknown scenario '{scenario}'")

if failures:
    sys.exit("\n".join(failures))
