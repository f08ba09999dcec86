"""Every command a pinned @tauri-apps/plugin-* package invokes is a command of our plugin library.

   check_package_commands.py --warden BIN --library LIB --package DIR --plugin NAME
                             [--also-invoked FILE...] [--not-invoked COMMAND...]

DIR is node_modules/@tauri-apps/plugin-<name>; the commands it invokes are the literal
`plugin:<NAME>|<command>` strings of its ES modules (dist-js/*.js). --also-invoked adds the same
strings from other files (an init script the plugin injects, as notification's replaces
window.Notification). The library's commands come from `warden plugin inspect` (its manifest
section, which the host checks against the command table when it loads the plugin).
Exits 1 naming each command the package invokes that the library lacks. A command of the library
that the package never invokes is printed (an extra of ours, or a package change to look at) and
fails only when it is not listed in --not-invoked, so the two stay in step both ways."""
import argparse
import json
import pathlib
import re
import subprocess
import sys


def invoked(package, plugin, extra_files):
    sources = sorted(pathlib.Path(package).glob("dist-js/*.js"))
    if not sources:
        sys.exit(f"{package}: no dist-js/*.js files; expected the @tauri-apps/plugin-{plugin} package folder")
    pattern = re.compile(r"plugin:" + re.escape(plugin) + r"\|([A-Za-z_]+)")
    found = set()
    for source in sources + [pathlib.Path(f) for f in extra_files]:
        found.update(pattern.findall(source.read_text(encoding="utf-8")))
    return found


def library_commands(warden, library):
    out = subprocess.run([warden, "plugin", "inspect", library], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        sys.exit(f"warden plugin inspect {library} failed: {out.stderr.strip()}")
    return set(json.loads(out.stdout)["commands"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warden", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--package", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--also-invoked", nargs="*", default=[])
    parser.add_argument("--not-invoked", nargs="*", default=[])
    args = parser.parse_args()

    wanted = invoked(args.package, args.plugin, args.also_invoked)
    have = library_commands(args.warden, args.library)
    missing = sorted(wanted - have)
    extra = sorted(have - wanted)
    unexplained = sorted(set(extra) - set(args.not_invoked))
    stale = sorted(set(args.not_invoked) - set(extra))
    for c in missing:
        print(f"invoked by the package, not a command of {args.library}: {c}")
    for c in extra:
        print(f"a command of the library the package does not invoke: {c}"
              + ("" if c in args.not_invoked else " (not listed in --not-invoked)"))
    for c in stale:
        print(f"listed in --not-invoked but not an extra command of the library: {c}")
    if missing or unexplained or stale:
        sys.exit(1)
    print(f"{args.plugin}: all {len(wanted)} commands the package invokes are implemented")


if __name__ == "__main__":
    main()
