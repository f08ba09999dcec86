#!/bin/sh
# The opener the shell e2e apps configure instead of xdg-open: it records what it was asked to
# open in opened.txt beside itself (setup.sh copies it into the work folder).
printf '%s\n' "$1" >> "$(dirname "$0")/opened.txt"
