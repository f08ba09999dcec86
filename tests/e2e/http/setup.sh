# Sourced by run_app.sh for the http e2e. Makes two self-signed certificates for 127.0.0.1 with
# openssl (trusted.pem, which the host trusts for this run only through SSL_CERT_FILE, the --env
# of CMakeLists.txt; untrusted.pem, which nobody trusts), starts http_driver.py (the three test
# servers and the page's outside view) and puts the servers' ports into the capabilities and the
# page (index.html, which both apps share). The host runs under record_pid.sh, so that the driver can read its memory.
HERE_HTTP="$E2E/http"
e2e_require_tools "http e2e (setup.sh)" openssl /usr/bin/python3

# Both apps (app, app-open) show the same page: one source, copied into the run's app before the
# ports are substituted into it.
mkdir -p "$APP/frontend"
cp "$HERE_HTTP/index.html" "$APP/frontend/index.html" ||
  { echo "http e2e: cannot copy $HERE_HTTP/index.html into the app" >&2; exit 1; }

mkdir -p "$WORK/certs"
for name in trusted untrusted; do
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$WORK/certs/$name.key" -out "$WORK/certs/$name.pem" \
    2>"$WORK/certs/$name.log" ||
    { echo "http e2e: openssl could not make the $name certificate (see $WORK/certs/$name.log)" >&2; exit 1; }
done

rm -f "$WORK/servers.json"
e2e_start_driver "http e2e" "$HERE_HTTP/http_driver.py" http-driver
[ -s "$WORK/servers.json" ] || { echo "http e2e: http_driver.py wrote no servers.json" >&2; exit 1; }
for server in http https untrusted proxy stuck; do
  port=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" \
    "$WORK/servers.json" "$server")
  substitute "@${server^^}_PORT@" "$port"
done
# The main run (--var HTTP_ENV_PROXY=1) gets an http proxy with credentials from its environment,
# as a user behind a proxy has: libcurl reads http_proxy itself; no_proxy keeps the other
# scenarios' requests to 127.0.0.1 direct.
if [ "${HTTP_ENV_PROXY:-}" = 1 ]; then
  proxy_port=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['proxy'])" "$WORK/servers.json")
  host_env+=(http_proxy="http://e2e-user:e2e-secret@127.0.0.1:$proxy_port" no_proxy="127.0.0.1,localhost")
fi
e2e_wrap_host "$HERE_HTTP/record_pid.sh"
substitute @HTTP_LIBRARY@ "$(realpath "$HTTP_LIBRARY")"
