"""Fails naming file:line for each call in host/, plugins/ or sdk/ whose answer follows the user's locale.
   check_no_locale_calls.py SOURCE_DIR
GTK's init calls setlocale(LC_ALL, "") in the host and in every plugin, so <cctype>'s case and class
functions, strcasecmp, strtod and a regex with icase read text the user's way: in tr_TR.ISO-8859-9
tolower('I') is 0xfd, and "MAILTO:" or "SCRIPT-SRC" stop being what a rule names. Code uses
sdk/include/warden/ascii.hpp instead. Where the locale is wanted (text shown to the user), the line,
or the line above it, carries a comment `locale-ok: <why>`."""
import pathlib
import re
import sys

ROOTS = ("host", "plugins", "sdk")
SUFFIXES = {".c", ".cc", ".cpp", ".h", ".hpp"}
MARKER = "locale-ok:"

# A name not preceded by a letter, digit, '_' or '.' (g_ascii_isalnum, is_ascii_alnum and a
# member's .tolower stay allowed), then '('.
CTYPE = r"(?:to|tow)(?:lower|upper)|isw?(?:alpha|alnum|space|digit|xdigit|upper|lower|print|cntrl|punct|graph|blank)"
BANNED = [
    (re.compile(r"(?<![\w.])(?:std::)?(?:" + CTYPE + r")\s*\("), "a <cctype> case or class call"),
    (re.compile(r"(?<![\w.])(?:strn?casecmp|strcasestr)\s*\("), "strcasecmp and kin (the locale's case)"),
    (re.compile(r"(?<![\w.])(?:std::)?(?:strto(?:d|f|ld)|sto(?:d|f|ld)|atof)\s*\("),
     "a floating-point parse (the locale's decimal point)"),
    (re.compile(r"\bicase\b"), "a regex with icase (the locale's case)"),
    (re.compile(r"\b(?:boost::|algorithm::)(?:to_lower|to_upper|iequals|istarts_with|iends_with|icontains)"
                r"|boost/algorithm/string"), "boost's case functions (the global locale)"),
    (re.compile(r"std::locale\s*::\s*global|std::locale\s*\(\s*\"\""), "switching the C++ global locale"),
]


def code_of(line):
    """The line without a // comment or a block comment's continuation line (prose may name the calls)."""
    stripped = line.lstrip()
    if stripped.startswith(("*", "/*")):
        return ""
    return line.split("//", 1)[0]


def findings(root):
    for top in ROOTS:
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                code = code_of(line)
                if not code:
                    continue
                for pattern, what in BANNED:
                    if pattern.search(code) and MARKER not in line and (number < 2 or MARKER not in lines[number - 2]):
                        yield f"{path.relative_to(root)}:{number}: {what}: {line.strip()}"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_no_locale_calls.py SOURCE_DIR")
    root = pathlib.Path(sys.argv[1])
    missing = [top for top in ROOTS if not (root / top).is_dir()]
    if missing:
        sys.exit(f"{root} has no {', '.join(missing)}: expected the Warden source folder")
    found = list(findings(root))
    for f in found:
        print(f)
    if found:
        sys.exit(f"{len(found)} locale-dependent calls: use warden/ascii.hpp (sdk/include/warden/ascii.hpp), "
                 f"or say why the user's locale is wanted with a '{MARKER}' comment on the line or the line above")
    print("no locale-dependent call in " + ", ".join(ROOTS))


if __name__ == "__main__":
    main()
