# Sourced by run_app.sh for the fs e2e: $HOME (WORK/home) with a granted folder (files, lines,
# bytes, a private folder, links out of it and within it) and an outside folder; the page learns
# $HOME from @HOME@.
H="$WORK/home"
mkdir -p "$H/granted/docs/sub" "$H/granted/private" "$H/outside" "$WORK/config" "$WORK/cache"
printf 'hello from the runner\n' >"$H/granted/hello.txt"
printf 'one\r\ntwo\nthree' >"$H/granted/lines.txt"
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' >"$H/granted/bytes.bin"
printf '12345' >"$H/granted/docs/a.md"
printf '67890' >"$H/granted/docs/sub/b.md"
printf 'PRIVATE' >"$H/granted/private/key"
printf 'SECRET' >"$H/outside/secret"
ln -s "$H/outside" "$H/granted/escape"
ln -s "$H/outside/secret" "$H/granted/secret-link"
ln -s "$H/granted/hello.txt" "$H/granted/inner-link"
substitute @HOME@ "$H"
