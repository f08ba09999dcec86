"""check_include_dirs.py DIRS_FILE SOURCE_DIR SDK_INCLUDE BINARY_DIR [OWN_DIR]: the include folders a
plugin compiles with (one per line) hold no folder of the Warden sources other than the SDK's
include folder and the plugin's own sources (OWN_DIR, for a first-party plugin under plugins/);
what the build generates, under BINARY_DIR, is the plugin's own."""
import os
import sys

dirs_file, source_dir, sdk_include, binary_dir = sys.argv[1:5]
own_dir = os.path.realpath(sys.argv[5]) if len(sys.argv) > 5 else None
binary_dir = os.path.realpath(binary_dir)
source_dir = os.path.realpath(source_dir)
sdk_include = os.path.realpath(sdk_include)
dirs = [d for d in open(dirs_file, encoding="utf-8").read().splitlines() if d]
print("include folders:", dirs)
assert sdk_include in [os.path.realpath(d) for d in dirs], f"the SDK's include folder {sdk_include} is missing"
for d in dirs:
    real = os.path.realpath(d)
    inside = real == source_dir or real.startswith(source_dir + os.sep)
    if real == binary_dir or real.startswith(binary_dir + os.sep):
        inside = False
    if own_dir and real.startswith(own_dir + os.sep):
        inside = False
    assert not inside or real == sdk_include, f"a Warden folder other than the SDK's is on the include path: {d}"
