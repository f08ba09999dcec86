"""After the fs e2e run: the denied calls left the disk as it was.
check_disk.py WORK_DIR"""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

home = os.path.join(sys.argv[1], "home")
outside = sorted(os.listdir(os.path.join(home, "outside")))
require(outside == ["secret"], f"outside/ changed: {outside}")
require(open(os.path.join(home, "outside", "secret")).read() == "SECRET", "outside/secret changed")
require(open(os.path.join(home, "granted", "private", "key")).read() == "PRIVATE", "private/key changed")
require(not os.path.exists(os.path.join(home, "granted", "visitor.txt")), "the visitor wrote a file")
require(os.path.isdir(os.path.join(sys.argv[1], "data", "dev.warden.e2e.fs")), "the visitor's app folder is missing")
leftovers = [n for n in os.listdir(os.path.join(home, "granted")) if ".warden-" in n]
require(not leftovers, f"temporary files left behind: {leftovers}")
print("outside/ and private/ unchanged, no temporary files left, app folder created")
