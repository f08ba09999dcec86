"""The http e2e's cookie file after both config runs: $APPCACHE/.cookies exists, is the user's
alone (0600, a regular file), and holds the cookie with an expiry but not the session cookie.
  check_cookie_file.py PATH"""
import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from e2e_results import require  # noqa: E402

path = sys.argv[1]
require(os.path.lexists(path), f"{path} does not exist: the cookies were not saved")
st = os.lstat(path)
require(stat.S_ISREG(st.st_mode), f"{path} is not a regular file")
require(stat.S_IMODE(st.st_mode) == 0o600, f"{path} has mode {oct(stat.S_IMODE(st.st_mode))}, not 0600")
with open(path, encoding="utf-8") as f:
    lines = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("# ")]
names = [line.split("\t")[5] for line in lines if len(line.split("\t")) == 7]
require("kept" in names, f"the expiring cookie 'kept' is not in {path}: {lines}")
require("session" not in names, f"the session cookie was written to {path}: {lines}")
print(f"{path}: {len(lines)} cookie(s), 0600, no session cookie")
