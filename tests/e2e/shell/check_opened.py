"""Asserts what the opener script received during the shell e2e run: check_opened.py WORK_DIR.
The allowed open() and the main window's link click reached it once each, unchanged; the refused
ones (validator, `with`, the second window's open() and link click) never did."""
import pathlib
import sys

work = pathlib.Path(sys.argv[1])
opened_file = work / "opened.txt"
if not opened_file.exists():
    sys.exit(f"{opened_file} does not exist: the opener never ran")
opened = opened_file.read_text(encoding="utf-8").splitlines()
print(f"the opener received: {opened}")
expected = ["https://tauri.app/clicked", "https://tauri.app/warden-e2e"]
if sorted(opened) != expected:
    sys.exit(f"expected exactly {expected}, in any order")
