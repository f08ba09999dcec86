"""Asserts what the opener script received during the shell e2e run: check_opened.py WORK_DIR.
The allowed open() reached it exactly once, with the path unchanged; the refused ones never did."""
import pathlib
import sys

work = pathlib.Path(sys.argv[1])
opened_file = work / "opened.txt"
if not opened_file.exists():
    sys.exit(f"{opened_file} does not exist: the opener never ran")
opened = opened_file.read_text(encoding="utf-8").splitlines()
print(f"the opener received: {opened}")
if opened != ["https://tauri.app/warden-e2e"]:
    sys.exit("expected exactly ['https://tauri.app/warden-e2e']")
