"""Lists the core commands the pinned @tauri-apps/api invokes, one "plugin|command" per line, sorted.
   extract_core_commands.py PACKAGE_DIR [--check FILE]
PACKAGE_DIR is node_modules/@tauri-apps/api. The commands are the literal `plugin:<core plugin>|<command>`
strings of its ES modules (*.js and menu/*.js; the .cjs copies say the same). With --check, exits 1 and
prints the difference when FILE (core-commands.txt) is not what the package gives, so that a bump of the
pinned package cannot leave the permission table's checks reading a stale list."""
import pathlib
import re
import sys

CORE_PLUGINS = "window|webview|app|image|menu|tray|path|event|resources"
INVOKED = re.compile(r"plugin:(" + CORE_PLUGINS + r")\|([a-z_]+)")


def core_commands(package_dir):
    package = pathlib.Path(package_dir)
    sources = sorted(package.glob("*.js")) + sorted(package.glob("menu/*.js"))
    if not sources:
        sys.exit(f"{package}: no *.js files; expected the @tauri-apps/api package folder")
    found = set()
    for source in sources:
        for plugin, command in INVOKED.findall(source.read_text(encoding="utf-8")):
            found.add(f"{plugin}|{command}")
    return sorted(found)


def main():
    args = sys.argv[1:]
    if len(args) not in (1, 3) or (len(args) == 3 and args[1] != "--check"):
        sys.exit("usage: extract_core_commands.py PACKAGE_DIR [--check FILE]")
    commands = core_commands(args[0])
    if len(args) == 1:
        print("\n".join(commands))
        return
    listed = pathlib.Path(args[2]).read_text(encoding="utf-8").split()
    missing, extra = sorted(set(commands) - set(listed)), sorted(set(listed) - set(commands))
    if missing or extra:
        print(f"{args[2]} is out of date with {args[0]}; regenerate it with this script.")
        for c in missing:
            print(f"  invoked by the package, not listed: {c}")
        for c in extra:
            print(f"  listed, not invoked by the package: {c}")
        sys.exit(1)
    print(f"{len(commands)} core commands, as listed")


if __name__ == "__main__":
    main()
