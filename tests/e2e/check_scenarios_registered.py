"""Fails when the pages of an e2e run reported a scenario CMake did not register (no ctest entry
checks it), or when a registered scenario was never reported (its check would fail anyway, but
this one names the drift).
  check_scenarios_registered.py --results FILE... --registered NAME... [--not-from-page NAME...]
                                [--not-scenarios KEY...]
A registered NAME is "window/scenario" (that window must report it) or "scenario" (any window).
--not-from-page: registered checks judged from the log or the disk, not reported by a page.
--not-scenarios: keys a page reports that are not scenarios (e.g. "metadata" when unchecked)."""
import argparse
import sys

from e2e_results import window_reports


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", nargs="+", required=True)
    parser.add_argument("--registered", nargs="+", required=True)
    parser.add_argument("--not-from-page", nargs="*", default=[])
    parser.add_argument("--not-scenarios", nargs="*", default=[])
    return parser.parse_args()


def main():
    args = arguments()
    registered = set(args.registered)
    reported = set()  # (window, key)
    for results in args.results:
        for window, report in window_reports(results).items():
            reported.update((window, key) for key in report)
    problems = []
    for window, key in sorted(reported):
        if f"{window}/{key}" not in registered and key not in registered and key not in args.not_scenarios:
            problems.append(f"window '{window}' reported '{key}', which CMake does not register (no ctest checks it)")
    for name in sorted(registered - set(args.not_from_page)):
        window, _, key = name.rpartition("/")
        if not any(k == key and (not window or w == window) for w, k in reported):
            problems.append(f"'{name}' is registered but no page reported it")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(f"{len(problems)} scenario(s) out of step between the pages and CMake ({', '.join(args.results)})")
    print(f"{len(reported)} reported scenario keys, {len(registered)} registered: in step")


if __name__ == "__main__":
    main()
