# Sourced by run_app.sh for tests/e2e/plugins_app: what the page must see, computed here
# independently of the os plugin.
host=$(python3 -c 'import socket; print(socket.gethostname())')
osver=$(python3 -c '
import shlex
for f in ("/etc/os-release", "/usr/lib/os-release"):
    try:
        for line in open(f):
            if line.startswith("VERSION_ID="):
                print(shlex.split(line.strip()[11:])[0]); raise SystemExit
    except FileNotFoundError:
        pass')
arch=$(python3 -c 'import platform; print(platform.machine())')
substitute @HOSTNAME@ "$host"
substitute @OS_VERSION@ "$osver"
substitute @ARCH@ "$arch"
substitute @LOCALE@ fr-CA
