"""check_readme_examples.py README CC CXX SDK_INCLUDE: the C and the C++ example of sdk/README.md's
section "Main thread (`warden.main-thread/1`)" compile against the SDK's include folder and GTK
(syntax and types; -Werror), so the documentation cannot drift from the headers unseen."""
import os
import re
import shlex
import subprocess
import sys
import tempfile

readme, cc, cxx, sdk_include = sys.argv[1:5]
text = open(readme, encoding="utf-8").read()
match = re.search(r"^## Main thread \(`warden\.main-thread/1`\)\n(.*?)(?=^## |\Z)", text, re.S | re.M)
assert match, "sdk/README.md has no section 'Main thread (`warden.main-thread/1`)'"
section = match.group(1)
examples = {"c": re.findall(r"```c\n(.*?)```", section, re.S), "cpp": re.findall(r"```cpp\n(.*?)```", section, re.S)}
assert len(examples["c"]) == 1 and len(examples["cpp"]) == 1, f"expected one C and one C++ example: {examples}"
gtk = shlex.split(subprocess.run(["pkg-config", "--cflags", "gtk+-3.0"], capture_output=True, text=True,
                                 check=True).stdout)
with tempfile.TemporaryDirectory() as tmp:
    for lang, compiler, std in (("c", cc, "-std=c11"), ("cpp", cxx, "-std=c++20")):
        source = os.path.join(tmp, "example." + lang)
        with open(source, "w", encoding="utf-8") as f:
            f.write(examples[lang][0])
        cmd = [compiler, std, "-fsyntax-only", "-Wall", "-Werror", "-Wno-unused-function", "-I", sdk_include,
               '-DWARDEN_PLUGIN_NAME="theme"', '-DWARDEN_PLUGIN_VERSION="1.0.0"', *gtk, source]
        out = subprocess.run(cmd, capture_output=True, text=True)
        print(lang, "example:", "compiles" if out.returncode == 0 else "FAILS")
        assert out.returncode == 0, out.stderr
