# Sourced by run_app.sh for examples/file-explorer's self-test: ~/Documents with a few files and a
# link inside it that points outside; the page starts at #selftest.
docs="$WORK/home/Documents"
mkdir -p "$docs/projects" "$docs/photos"
printf 'hello from notes\n' >"$docs/notes.txt"
printf '# plan\n' >"$docs/projects/plan.md"
printf '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><circle cx="48" cy="48" r="44" fill="#f59e0b"/></svg>\n' \
  >"$docs/photos/dot.svg"
ln -s /etc "$docs/etc-link"  # inside the granted folder, pointing outside it
substitute '"url": "index.html"' '"url": "index.html#selftest"'
