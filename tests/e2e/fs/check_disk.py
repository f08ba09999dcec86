"""After the fs e2e run: the denied calls left the disk as it was.
check_disk.py WORK_DIR"""
import os
import sys

home = os.path.join(sys.argv[1], "home")
outside = sorted(os.listdir(os.path.join(home, "outside")))
assert outside == ["secret"], f"outside/ changed: {outside}"
assert open(os.path.join(home, "outside", "secret")).read() == "SECRET", "outside/secret changed"
assert open(os.path.join(home, "granted", "private", "key")).read() == "PRIVATE", "private/key changed"
assert not os.path.exists(os.path.join(home, "granted", "visitor.txt")), "the visitor wrote a file"
assert os.path.isdir(os.path.join(sys.argv[1], "data", "dev.warden.e2e.fs")), "the visitor's app folder is missing"
leftovers = [n for n in os.listdir(os.path.join(home, "granted")) if ".warden-" in n]
assert not leftovers, f"temporary files left behind: {leftovers}"
print("outside/ and private/ unchanged, no temporary files left, app folder created")
