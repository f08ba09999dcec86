"""Asserts one quota scenario: check_quota.py WORK_DIR SCENARIO.
Defaults: a store holds at most 16 MiB, the app at most 64 store files, a log call at most 32
key-values of 4 KiB in all; each refusal names its plugins.<name> setting. On disk: no store file
above 16 MiB, at most 64 store files, no log line above 32 KiB."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from e2e_results import scenario_report, require  # noqa: E402

work, scenario = sys.argv[1:3]
APP_ID = "dev.warden.security.quota"
data = os.path.join(work, "data", APP_ID)
log_file = os.path.join(data, "logs", APP_ID + ".log")
MiB = 1024 * 1024
MAX_STORE_BYTES, MAX_STORE_FILES, MAX_LINE = 16 * MiB, 64, 32 * 1024


def report(name):
    result = scenario_report(os.path.join(work, "results.txt"), "main", name)
    print(f"main/{name}: {result}")
    require(result["ok"] is True, f"{name}: {result['detail']}")
    return result["detail"]


def store_files():
    found = []
    for folder, dirs, files in os.walk(data):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) != os.path.join(data, "logs")]
        found += [os.path.join(folder, f) for f in files]
    return found


def log_lines():
    with open(log_file, encoding="utf-8", errors="replace") as f:
        return f.read().splitlines()


if scenario == "store_size_refused":
    detail = report(scenario)
    require("maxStoreBytes" in detail["refusal"], f"the refusal does not name maxStoreBytes: {detail}")
    size = os.path.getsize(os.path.join(data, "big.json"))
    require(size <= MAX_STORE_BYTES, f"big.json is {size} bytes")
elif scenario == "store_file_count_refused":
    detail = report(scenario)
    require("maxStoreFiles" in detail["refusal"], f"the refusal does not name maxStoreFiles: {detail}")
    files = store_files()
    require(len(files) <= MAX_STORE_FILES, f"{len(files)} store files in {data}")
    require(len(files) == MAX_STORE_FILES, f"only {len(files)} store files: the limit came early ({detail})")
elif scenario == "store_small_still_works":
    report(scenario)
    saved = json.load(open(os.path.join(data, "settings.json"), encoding="utf-8"))
    require(saved == {"theme": "dark", "language": "en"}, f"settings.json holds {saved}")
elif scenario == "log_key_value_count_refused":
    detail = report(scenario)
    require("maxKeyValues" in detail["refusal"], f"the refusal does not name maxKeyValues: {detail}")
    require(not any("many key-values" in line for line in log_lines()), "the refused call was logged")
elif scenario == "log_key_value_bytes_refused":
    detail = report(scenario)
    require("maxKeyValueBytes" in detail["refusal"], f"the refusal does not name maxKeyValueBytes: {detail}")
    require(not any("large key-values" in line for line in log_lines()), "the refused call was logged")
elif scenario == "log_still_works":
    report(scenario)
    lines = log_lines()
    require(any("before the attacks" in line for line in lines), "the first line is missing")
    require(any("after the attacks action=save user=alice" in line for line in lines), f"the last line is missing: {lines[-3:]}")
elif scenario == "log_lines_bounded":
    longest = max(len(line.encode("utf-8")) for line in log_lines())
    require(longest <= MAX_LINE, f"a log line of {longest} bytes")
    host_log = open(os.path.join(work, "log.txt"), encoding="utf-8", errors="replace").read().splitlines()
    longest = max((len(line.encode("utf-8")) for line in host_log if "[plugin log]" in line), default=0)
    require(longest <= MAX_LINE, f"a line of {longest} bytes in the host's log")
else:
    sys.exit(f"unknown scenario {scenario}")
print(f"{scenario}: ok")
