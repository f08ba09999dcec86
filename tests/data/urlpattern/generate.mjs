// Generates vectors.json: for every (pattern, url) case below, the verdict of the pinned
// urlpattern-polyfill (a WHATWG URLPattern implementation), plus Warden's deliberate
// overrides. See README.md. Run: npm ci && node generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import 'urlpattern-polyfill';

const polyfillVersion =
  JSON.parse(readFileSync(new URL('./node_modules/urlpattern-polyfill/package.json', import.meta.url)))
    .version;

// ---------------------------------------------------------------------------------------------
// Supported patterns: [pattern, [urls...]]. Every url is tested against its pattern.
// ---------------------------------------------------------------------------------------------
const T = 'https://tauri.app';
const supported = [
  // Exact host, no path: pathname defaults to `*` (any path, query, fragment), default port only.
  [T, [
    'https://tauri.app', 'https://tauri.app/', 'https://tauri.app/docs/x?y=1#z',
    'http://tauri.app/', 'wss://tauri.app/', 'https://TAURI.APP/', 'HTTPS://Tauri.App/Path',
    'https://tauri.app:443/', 'https://tauri.app:0443/', 'https://tauri.app:/', 'https://tauri.app:8443/',
    'https://tauri.app:65536/',
    // look-alikes
    'https://tauri.app.evil.com/', 'https://evil-tauri.app/', 'https://tauri.appx/', 'https://eviltauri.app/',
    'https://v2.tauri.app/', 'https://tauri.app./', 'https://tauri.ap/', 'https://tauri-app/',
    // userinfo tricks
    'https://tauri.app@evil.com/', 'https://user:pw@tauri.app/', 'https://user@tauri.app/',
    'https://@tauri.app/', 'https://:@tauri.app/', 'https://evil.com@tauri.app/',
    'https://tauri.app:443@evil.com/', 'https://tauri.app%40evil.com/',
    // delimiters that end the authority early
    'https://evil.com#@tauri.app/', 'https://evil.com?@tauri.app/', 'https://evil.com\\@tauri.app/',
    'https://evil.com/tauri.app', 'https://evil.com/?u=https://tauri.app/',
    // percent-encoded and oddly written hosts
    'https://tauri%2eapp/', 'https://tauri.app%2eevil.com/', 'https://%74auri.app/',
    'https:tauri.app/', 'https:/\\tauri.app/', 'https:///tauri.app/', 'https:\\\\tauri.app\\docs',
    '  https://tauri.app/  ', 'https://tau\tri.app/', 'https://tauri.app\n/', 'https://tau ri.app/',
    // not URLs, or not absolute
    '', 'not a url', '//tauri.app/', '/docs', 'tauri.app', 'https://', 'https:// /',
  ]],
  ['https://*.tauri.app', [
    'https://v2.tauri.app/', 'https://a.b.tauri.app/x?y#z', 'https://X.TAURI.APP/',
    'https://tauri.app/', 'https://evil-tauri.app/', 'https://eviltauri.app/', 'https://v2.tauri.app.evil.com/',
    'https://x.tauri.app:8443/', 'https://v2.tauri.app@evil.com/', 'https://evil.com@v2.tauri.app/',
    'https://evil.com/.tauri.app', 'https://evil.com?.tauri.app', 'https://evil.com#.tauri.app',
    'https://.tauri.app/', 'https://v2.tauri.app./', 'http://v2.tauri.app/', 'https://v2.tauri.appx/',
    'https://v2%2etauri.app/',
  ]],
  ['https://*', [
    'https://anything.example/', 'https://a.com:8080/', 'https://a.com:443/', 'http://a.com/',
    'https://127.0.0.1/', 'https://[::1]/', 'https://user@a.com/', 'https://b\u00fccher.de/',
    'https://xn--bcher-kva.de/', 'https://localhost/', 'https:///', 'https://*/',
  ]],
  ['http://*', ['http://a.com/', 'http://a.com:80/', 'http://a.com:8080/', 'https://a.com/', 'ws://a.com/']],
  ['http://*:*', ['http://a.com/', 'http://a.com:8080/', 'http://localhost:1420/x', 'https://a.com:8080/']],
  ['https://*:*', ['https://a.com/', 'https://a.com:1/', 'https://a.com:65535/', 'http://a.com:8080/']],
  ['*://*', [
    'https://a.com/', 'http://a.com/', 'wss://a.com/', 'ftp://a.com/', 'https://a.com:8443/',
    'data:text/html,<script>alert(1)</script>', 'blob:https://tauri.app/1234', 'file:///etc/passwd',
    'file://localhost/etc/passwd', 'javascript:alert(1)', 'about:blank', 'tauri://localhost/',
    'https://user:pw@a.com/',
  ]],
  ['*://*:*', ['https://a.com:8443/', 'http://a.com:1420/', 'data:,x']],
  ['*://tauri.app', [
    'http://tauri.app/', 'https://tauri.app/x', 'wss://tauri.app/', 'ftp://tauri.app/',
    'https://tauri.app:8443/', 'blob:https://tauri.app/x', 'tauri://tauri.app/', 'https://tauri.app.evil.com/',
  ]],
  // Port canonicalization depends on a literal scheme: with `*` the port stays as written.
  ['*://tauri.app:443', ['https://tauri.app/', 'https://tauri.app:443/', 'http://tauri.app:443/', 'http://tauri.app/']],
  ['https://tauri.app:443', ['https://tauri.app/', 'https://tauri.app:443/', 'https://tauri.app:8443/', 'http://tauri.app:443/']],
  ['https://tauri.app:*', ['https://tauri.app/', 'https://tauri.app:1/', 'https://tauri.app:8443/x', 'https://evil.com:8443/']],
  ['http://localhost:1420', [
    'http://localhost:1420/', 'http://localhost:1420/index.html', 'http://localhost/', 'http://LOCALHOST:1420/x',
    'http://localhost:01420/', 'http://localhost.:1420/', 'http://127.0.0.1:1420/', 'http://localhost:14200/',
    'https://localhost:1420/',
  ]],
  // The polyfill's default-port table misspells wss as "wws", so it keeps ":443" on a wss
  // pattern and never matches; the standard (and Warden) elide it. See specOverrides below.
  ['wss://tauri.app:443', ['wss://tauri.app/', 'wss://tauri.app:443/', 'wss://tauri.app:8443/', 'https://tauri.app/']],
  ['ws://tauri.app:80', ['ws://tauri.app/', 'ws://tauri.app:80/', 'ws://tauri.app:8080/']],
  ['ws://localhost:*', ['ws://localhost:9000/socket', 'wss://localhost:9000/', 'ws://localhost/']],
  ['wss://*.tauri.app', ['wss://v2.tauri.app/', 'wss://v2.tauri.app:443/', 'ws://v2.tauri.app/', 'https://v2.tauri.app/']],
  ['ftp://*', ['ftp://a.com/', 'ftp://a.com:21/', 'ftp://a.com:2121/']],
  // Paths. A path of exactly `/` is widened to `*` as in Tauri (see tauriWidened below): the
  // origin stays exact, every page of it matches.
  ['https://tauri.app/', [
    'https://tauri.app', 'https://tauri.app/', 'https://tauri.app/x', 'https://tauri.app/?q',
    'https://tauri.app/#h', 'https://tauri.app/.', 'https://tauri.app/..', 'https://tauri.app/x/..',
    'https://tauri.app//x', 'https://tauri.app//evil.com/', 'https://tauri.app/docs/x?y#z',
    'https://tauri.app.evil.com/', 'https://tauri.app:8443/', 'http://tauri.app/', 'https://v2.tauri.app/',
    'https://evil.com/https://tauri.app/', 'https://tauri.app@evil.com/', 'https://user@tauri.app/x',
  ]],
  ['https://*.tauri.app/', [
    'https://v2.tauri.app/', 'https://v2.tauri.app/docs?x#y', 'https://tauri.app/x', 'https://v2.tauri.app.evil.com/x',
    'https://v2.tauri.app:8443/x',
  ]],
  ['http://localhost:1420/', [
    'http://localhost:1420/', 'http://localhost:1420/index.html?x#y', 'http://localhost:1421/', 'http://localhost/x',
  ]],
  ['https://tauri.app/?q=1', [
    'https://tauri.app/?q=1', 'https://tauri.app/docs?q=1', 'https://tauri.app/x?q=1#h', 'https://tauri.app/?q=2',
    'https://tauri.app/', 'https://tauri.app/?q=1&r=2',
  ]],
  ['https://tauri.app/*', [
    'https://tauri.app', 'https://tauri.app/', 'https://tauri.app/a/b?c#d', 'https://tauri.app.evil.com/',
    'https://tauri.app@evil.com/', 'https://a.com/https://tauri.app/',
  ]],
  ['https://tauri.app/docs/*', [
    'https://tauri.app/docs/', 'https://tauri.app/docs', 'https://tauri.app/docs/a/b', 'https://tauri.app/docs/a?x#y',
    'https://tauri.app/docsx', 'https://tauri.app/Docs/a', 'https://tauri.app/docs/../admin',
    'https://tauri.app/docs/%2e%2e/admin', 'https://tauri.app/docs/.%2E/admin', 'https://tauri.app/docs/..%2fadmin',
    'https://tauri.app/docs/./a', 'https://tauri.app/x/../docs/a', 'https://tauri.app\\docs\\a',
    'https://tauri.app/docs\\..\\admin', 'https://tauri.app//docs/a', 'https://tauri.app/%64ocs/a',
  ]],
  ['https://tauri.app/docs', [
    'https://tauri.app/docs', 'https://tauri.app/docs/', 'https://tauri.app/docs?x', 'https://tauri.app/docs#y',
    'https://tauri.app/DOCS', 'https://tauri.app/docs/.', 'https://tauri.app/docs/x/..', 'https://tauri.app/%64ocs',
    'https://tauri.app/docs.', 'https://tauri.app/do%63s', 'https://tauri.app/other', 'https://tauri.app/',
    'https://tauri.app/docs/x',
  ]],
  ['https://tauri.app/*.js', ['https://tauri.app//.js', 'https://tauri.app/a.js', 'https://tauri.app/a/b.js', 'https://tauri.app/a.jsx', 'https://tauri.app/a.js?x=1', 'https://tauri.app/.js']],
  ['https://tauri.app/a/*/c', ['https://tauri.app/a/b/c', 'https://tauri.app/a/b/x/c', 'https://tauri.app/a//c', 'https://tauri.app/a/c']],
  ['https://tauri.app/**', ['https://tauri.app/x', 'https://tauri.app/']],
  // Percent-encoding: the pattern is encoded like a URL path; encoded forms compare as text.
  ['https://tauri.app/a b', ['https://tauri.app/a b', 'https://tauri.app/a%20b', 'https://tauri.app/a%2520b', 'https://tauri.app/a+b']],
  ['https://tauri.app/a%20b', ['https://tauri.app/a b', 'https://tauri.app/a%20b']],
  ['https://tauri.app/%2F', ['https://tauri.app/%2F', 'https://tauri.app/%2f', 'https://tauri.app//']],
  ['https://tauri.app/caf\u00e9', ['https://tauri.app/caf%C3%A9', 'https://tauri.app/caf\u00e9', 'https://tauri.app/caf%c3%a9', 'https://tauri.app/cafe']],
  ['https://tauri.app/a"b<c>', ['https://tauri.app/a"b<c>', 'https://tauri.app/a%22b%3Cc%3E']],
  ['https://tauri.app/a^b|c', ['https://tauri.app/a^b|c', 'https://tauri.app/a%5Eb%7Cc']],
  ['https://tauri.app/~user/%7Euser', ['https://tauri.app/~user/%7Euser', 'https://tauri.app/~user/~user']],
  // Escapes make pattern syntax characters literal.
  ['https://tauri.app/a\\*', ['https://tauri.app/a*', 'https://tauri.app/ab', 'https://tauri.app/a%2A']],
  ['https://tauri.app/\\:id', ['https://tauri.app/:id', 'https://tauri.app/42']],
  ['https://tauri.app/a\\+b', ['https://tauri.app/a+b', 'https://tauri.app/ab']],
  ['https://tauri.app/\\{x\\}\\(y\\)', ['https://tauri.app/{x}(y)', 'https://tauri.app/%7Bx%7D(y)']],
  ['https://tauri.app/why%3F', ['https://tauri.app/why%3F', 'https://tauri.app/why?', 'https://tauri.app/why']],
  // Search and hash
  ['https://tauri.app?x', ['https://tauri.app/?x', 'https://tauri.app?x', 'https://tauri.app/a?x', 'https://tauri.app/?x#f', 'https://tauri.app/?y']],
  ['https://tauri.app#top', ['https://tauri.app/#top', 'https://tauri.app/?q#top', 'https://tauri.app/a#top']],
  ['https://tauri.app/x?a=1', [
    'https://tauri.app/x?a=1', 'https://tauri.app/x?a=2', 'https://tauri.app/x', 'https://tauri.app/x?a=1&b=2',
    'https://tauri.app/x?a=1#f', 'https://tauri.app/x?A=1', 'https://tauri.app/x??a=1',
  ]],
  ['https://tauri.app/x?*', ['https://tauri.app/x', 'https://tauri.app/x?', 'https://tauri.app/x?anything=1#h']],
  ['https://tauri.app/x?', ['https://tauri.app/x', 'https://tauri.app/x?', 'https://tauri.app/x?a', 'https://tauri.app/x#h']],
  ['https://tauri.app/x?a=*', ['https://tauri.app/x?a=', 'https://tauri.app/x?a=1&b=2', 'https://tauri.app/x?b=1&a=1']],
  ["https://tauri.app/x?q=a b'c", ["https://tauri.app/x?q=a b'c", 'https://tauri.app/x?q=a%20b%27c', 'https://tauri.app/x?q=a+b%27c']],
  ['https://tauri.app/x#top', ['https://tauri.app/x#top', 'https://tauri.app/x#bottom', 'https://tauri.app/x', 'https://tauri.app/x?q#top', 'https://tauri.app/x?#top',
    'https://tauri.app/x##top']],
  ['https://tauri.app/x#*', ['https://tauri.app/x', 'https://tauri.app/x#a', 'https://tauri.app/x?q#a']],
  ['https://tauri.app/x?*#*', ['https://tauri.app/x?q#a', 'https://tauri.app/x']],
  ['https://tauri.app/x#a b`c', ['https://tauri.app/x#a b`c', 'https://tauri.app/x#a%20b%60c']],
  ['https://tauri.app/x#', ['https://tauri.app/x', 'https://tauri.app/x#', 'https://tauri.app/x#a']],
  ['https://tauri.app/x?#top', ['https://tauri.app/x#top', 'https://tauri.app/x?a#top', 'https://tauri.app/x?a#bottom', 'https://tauri.app/y#top']],
  ['https://tauri.app/x?a#', ['https://tauri.app/x?a', 'https://tauri.app/x?a#h', 'https://tauri.app/x?b#h']],
  // IPv4
  ['http://127.0.0.1:*', [
    'http://127.0.0.1:8080/', 'http://127.0.0.1/', 'http://127.1:8080/', 'http://0x7f.0.0.1/', 'http://2130706433/',
    'http://0177.0.0.1/', 'http://0x7F000001/', 'http://127.0.0.1./', 'http://127.0.0.2/', 'http://localhost/',
    'http://127.0.0.1.evil.com/', 'http://1.2.3.256/', 'http://127.0.0.1.1/', 'http://127.0.0.01/',
    'http://%31%32%37.0.0.1/', 'http://127.0.0.1@evil.com/', 'http://evil.com@127.0.0.1/',
  ]],
  ['http://0x7f.1', ['http://127.0.0.1/', 'http://127.0.0.1:80/', 'http://127.0.0.1:8080/']],
  // IPv6
  ['http://[\\:\\:1]:*', [
    'http://[::1]:3000/', 'http://[::1]/', 'http://[0:0:0:0:0:0:0:1]/', 'http://[::0001]/', 'http://[::2]/',
    'http://[::ffff:127.0.0.1]/', 'http://[::1%25eth0]/', 'http://[::1]x/', 'http://[::1/', 'http://::1/',
    'http://[::1]@evil.com/', 'http://evil.com@[::1]/',
  ]],
  ['http://[\\:\\:ffff\\:7f00\\:1]', ['http://[::ffff:127.0.0.1]/', 'http://[::FFFF:7F00:1]/', 'http://[0::ffff:7f00:1]/', 'http://127.0.0.1/']],
  ['http://\\[2001\\:DB8\\:\\:1\\]', ['http://[2001:DB8::1]/', 'http://[2001:db8:0:0:0:0:0:1]/', 'http://[2001:db8::1:0]/']],
  ['http://[1\\:\\:2\\:0\\:0\\:3\\:0]', ['http://[1::2:0:0:3:0]/', 'http://[1:0:0:2:0:0:3:0]/']],
  // Case, trailing dots, IDN
  ['HTTPS://TAURI.APP/Docs', ['https://tauri.app/Docs', 'https://tauri.app/docs', 'HTTPS://TAURI.APP/Docs']],
  ['https://tauri.app.', ['https://tauri.app./', 'https://tauri.app/']],
  ['https://xn--bcher-kva.de', ['https://xn--bcher-kva.de/', 'https://b\u00fccher.de/', 'https://B\u00dcCHER.de/', 'https://b%C3%BCcher.de/']],
  ['https://*.xn--bcher-kva.de', ['https://www.xn--bcher-kva.de/', 'https://www.b\u00fccher.de/']],
  ['https://my_host.local:*', ['https://my_host.local:1/', 'https://MY_HOST.local/']],
  // Combinations
  ['https://*.tauri.app:*/api/*', [
    'https://v2.tauri.app:8443/api/x', 'https://v2.tauri.app/api/', 'https://v2.tauri.app/api', 'https://tauri.app:8443/api/x',
    'https://v2.tauri.app:8443/x/api/y',
  ]],
  ['*://*.tauri.app/*', ['http://a.tauri.app/', 'wss://a.tauri.app/x', 'https://tauri.app/', 'blob:https://a.tauri.app/x']],
  // Everything else URLPattern has, as Tauri accepts it: named groups, regular-expression groups,
  // groups `{...}` and the modifiers `?`, `*`, `+`, in every component.
  ['https://tauri.app/:id', ['https://tauri.app/42', 'https://tauri.app/a/b', 'https://tauri.app/', 'https://tauri.app/x?y#z']],
  ['https://tauri.app/docs/:page/edit', ['https://tauri.app/docs/x/edit', 'https://tauri.app/docs//edit', 'https://tauri.app/docs/a/b/edit']],
  ['https://tauri.app/a:b', ['https://tauri.app/ax', 'https://tauri.app/a', 'https://tauri.app/a/x', 'https://tauri.app/ax/']],
  ['https://tauri.app/(\\d+)', ['https://tauri.app/42', 'https://tauri.app/4a', 'https://tauri.app/', 'https://tauri.app/42/']],
  ['https://tauri.app/docs/(.*)', ['https://tauri.app/docs/', 'https://tauri.app/docs/a/b', 'https://tauri.app/docs']],
  ['https://tauri.app/user/:id(\\d+)', ['https://tauri.app/user/7', 'https://tauri.app/user/x', 'https://tauri.app/user/']],
  ['https://tauri.app/(a|bc)/d', ['https://tauri.app/a/d', 'https://tauri.app/bc/d', 'https://tauri.app/abc/d', 'https://tauri.app/b/d']],
  ['https://tauri.app/(v1|v2)/:rest*', ['https://tauri.app/v1', 'https://tauri.app/v2/a/b', 'https://tauri.app/v3/a']],
  ['https://tauri.app/{docs}?', ['https://tauri.app/docs', 'https://tauri.app/', 'https://tauri.app/x']],
  ['https://tauri.app/{docs}', ['https://tauri.app/docs', 'https://tauri.app/docsx']],
  ['https://tauri.app/docs/*?', ['https://tauri.app/docs', 'https://tauri.app/docs/', 'https://tauri.app/docs/a/b', 'https://tauri.app/docsx']],
  ['https://tauri.app/*?*', ['https://tauri.app/', 'https://tauri.app/a/b', 'https://tauri.app/x?q']],
  ['https://tauri.app/*+', ['https://tauri.app/', 'https://tauri.app/x', 'https://tauri.app/x/y']],
  ['https://tauri.app/:seg*', ['https://tauri.app/', 'https://tauri.app/a', 'https://tauri.app/a/b/c', 'https://tauri.app/a//b']],
  ['https://tauri.app/:seg+/end', ['https://tauri.app/a/end', 'https://tauri.app/a/b/end', 'https://tauri.app/end', 'https://tauri.app//end']],
  ['https://tauri.app/files{/:name}*.txt', ['https://tauri.app/files.txt', 'https://tauri.app/files/a.txt', 'https://tauri.app/files/a/b.txt', 'https://tauri.app/filesa.txt']],
  ['https://tauri.app/{a}+', ['https://tauri.app/a', 'https://tauri.app/aaa', 'https://tauri.app/', 'https://tauri.app/ab']],
  ['https://tauri.app/x?q=:v', ['https://tauri.app/x?q=1', 'https://tauri.app/x?q=', 'https://tauri.app/x?q=a&b', 'https://tauri.app/x']],
  ['https://tauri.app/x#:frag', ['https://tauri.app/x#top', 'https://tauri.app/x', 'https://tauri.app/x#a/b']],
  // `*` in a host matches any characters, dots included (and named groups one label).
  ['https://*.*', ['https://a.com/', 'https://a.b.c/', 'https://localhost/', 'https://127.0.0.1/', 'http://a.com/',
    'https://a.com:8443/', 'https://user@a.com/', 'https://[::1]/']],
  ['https://*tauri.app', ['https://eviltauri.app/', 'https://tauri.app/', 'https://a.tauri.app/', 'https://tauri.app.evil.com/']],
  ['https://tauri*.app', ['https://tauri.app/', 'https://tauri-v2.app/', 'https://tauri.evil.app/']],
  ['https://tauri.*', ['https://tauri.app/', 'https://tauri.app.evil.com/', 'https://tauri/', 'https://tauri./']],
  ['https://tauri.app.*', ['https://tauri.app.evil.com/', 'https://tauri.app/', 'https://tauri.app./']],
  ['https://a.*.tauri.app', ['https://a.b.tauri.app/', 'https://a.b.c.tauri.app/', 'https://a.tauri.app/', 'https://a..tauri.app/']],
  ['https://*.*.tauri.app', ['https://a.b.tauri.app/', 'https://a.tauri.app/', 'https://a.b.c.tauri.app/']],
  ['https://*.', ['https://a./', 'https://a/', 'https://a.b./']],
  ['https://:sub.tauri.app', ['https://v2.tauri.app/', 'https://a.b.tauri.app/', 'https://tauri.app/']],
  ['https://{*.}?tauri.app', ['https://tauri.app/', 'https://v2.tauri.app/', 'https://eviltauri.app/']],
  ['https://*?.tauri.app', ['https://tauri.app/', 'https://.tauri.app/', 'https://v2.tauri.app/']],
  ['https://(www|api).tauri.app', ['https://www.tauri.app/', 'https://api.tauri.app/', 'https://evil.tauri.app/']],
  ['https://tauri\\.app', ['https://tauri.app/', 'https://tauriXapp/']],
  ['https://tauri.app!', ['https://tauri.app!/']],
  // Schemes: wildcards and groups, and any scheme with a host (custom schemes of the app).
  ['http*://tauri.app', ['http://tauri.app/', 'https://tauri.app/', 'httpx://tauri.app/', 'ftp://tauri.app/']],
  ['http{s}?://tauri.app', ['http://tauri.app/', 'https://tauri.app/', 'httpss://tauri.app/', 'https://tauri.app:443/']],
  ['tauri://localhost', ['tauri://localhost/', 'tauri://localhost/index.html?x#y', 'tauri://localhost', 'tauri://evil/',
    'http://localhost/', 'TAURI://localhost/', 'tauri://localhost:8080/', 'tauri://user@localhost/']],
  ['myapp://*', ['myapp://x/', 'myapp://a.b/c?d#e', 'myapp://x:1234/', 'myapp:///x', 'myapp:x', 'other://x/']],
  ['app://*', ['app://localhost/', 'app://localhost/index.html', 'https://localhost/']],
  ['asset://localhost', ['asset://localhost/%2Fhome%2Fa.png', 'asset://localhost', 'asset://evil/']],
  ['http://asset.localhost', ['http://asset.localhost/x', 'http://asset.localhost:8080/']],
  // Schemes whose URLs have no host: URLPattern matches them, Warden never does.
  ['file:///*', ['file:///etc/passwd', 'file://localhost/etc/passwd', 'file://server/share']],
  ['file://*', ['file:///etc/passwd', 'file://server/share']],
  ['data:*', ['data:text/html,hi', 'data:,x']],
  ['blob:*', ['blob:https://a.com/x']],
  ['javascript:*', ['javascript:alert(1)']],
  // Userinfo in a pattern: URLs with userinfo never match in Warden, so these grant nothing.
  ['https://user:pw@tauri.app', ['https://user:pw@tauri.app/', 'https://tauri.app/']],
  ['https://*@tauri.app', ['https://a@tauri.app/', 'https://tauri.app/']],
  ['https://:*@tauri.app', ['https://:x@tauri.app/', 'https://tauri.app/']],
  // Ports: partial wildcards, leading zeros, a default port after an uppercase scheme.
  ['https://tauri.app:8*', ['https://tauri.app:8/', 'https://tauri.app:8080/', 'https://tauri.app:9/', 'https://tauri.app/']],
  ['http://localhost:(\\d{4})', ['http://localhost:1420/', 'http://localhost:80/', 'http://localhost/']],
  ['HTTPS://tauri.app:443', ['https://tauri.app/', 'https://tauri.app:443/']],
  ['http://localhost:01420', ['http://localhost:1420/', 'http://localhost:01420/']],
  // Paths as a URL parser writes them: dot segments in a pattern are resolved.
  ['https://tauri.app/a/../b', ['https://tauri.app/b', 'https://tauri.app/a/../b', 'https://tauri.app/a/b']],
  ['https://tauri.app/./a', ['https://tauri.app/a', 'https://tauri.app/./a']],
  ['https://tauri.app/a/%2e%2e/b', ['https://tauri.app/b', 'https://tauri.app/a/b']],
  ['https://tauri.app/*/..', ['https://tauri.app/x/..', 'https://tauri.app/x', 'https://tauri.app/', 'https://tauri.app//']],
  ['https://tauri.app/a\\\\b', ['https://tauri.app/a\\b', 'https://tauri.app/a/b', 'https://tauri.app/a%5Cb']],
  ['https://tauri.app/why\\?', ['https://tauri.app/why', 'https://tauri.app/why?x', 'https://tauri.app/why%3F']],
  ['https://tauri.app/a\\#b', ['https://tauri.app/a#b', 'https://tauri.app/a', 'https://tauri.app/a#x']],
  // IPv6 written other than canonically: accepted, and it never matches (URLs are canonical).
  ['https://[0\\:0\\:\\:1]', ['https://[::1]/']],
  ['https://[\\:\\:0001]', ['https://[::1]/']],
  ['http://[1\\:0\\:0\\:2\\:\\:3\\:0]', ['http://[1::2:0:0:3:0]/', 'http://[1:0:0:2::3:0]/']],
  ['https://[\\:\\:1', ['https://[::1]/']],
  ['https://', ['https://a.com/']],
  ['https://:443', ['https://a.com/']],
  ['https:///docs', ['https://a.com/docs']],
];

// ---------------------------------------------------------------------------------------------
// Patterns Warden rejects. The polyfill must reject the first list (checked); the second list
// it accepts, and Warden rejects each for the reason given (docs/url-patterns.md).
// ---------------------------------------------------------------------------------------------
const rejected = [
  ['https://tauri.app/a:1', '`:` not followed by a name'],
  ['https://tauri.app/a+', 'a modifier needs a group, name or wildcard before it'],
  ['https://tauri.app/a+b', 'a modifier needs a group, name or wildcard before it'],
  ['https://tauri.app/x?a=b?c', 'a modifier needs a group, name or wildcard before it'],
  ['https://tauri.app/(\\d+', 'unclosed regular-expression group'],
  ['https://tauri.app/(a(b))', 'capturing group inside a regular-expression group'],
  ['https://tauri.app/()', 'empty regular-expression group'],
  ['https://tauri.app/{a', 'unclosed group'],
  ['https://tauri.app/:a/:a', 'duplicate group name'],
  ['tauri.app', 'relative: no scheme'],
  ['/docs/*', 'relative: no scheme'],
  ['*', 'relative: no scheme'],
  ['', 'empty'],
  ['https://tauri.app:99999', 'port out of range'],
  ['https://tauri.app:8o80', 'port not a number'],
  ['https://tau ri.app', 'invalid host character'],
  ['https://[::1]', 'unescaped `:` in an IPv6 host starts a named group'],
  ['https://[\\:\\:1]x', 'junk after IPv6'],
  ['https://[\\:\\:g]', 'invalid IPv6'],
];
// Not listed: `https://t%61uri.app`. The polyfill rejects it; Tauri's urlpattern crate (through the
// url crate) decodes the escape and reads `tauri.app`, and so does Warden: url_pattern_test.cpp.
const wardenRejects = [
  ['https://b\u00fccher.de', 'non-ASCII host (IDNA out of scope): write the punycode form'],
  ['https://1.2.3.256', 'invalid IPv4 address: the standard\'s host parser fails on it (the polyfill lets it through)'],
  ['https://*.127.0.0.1', 'the fixed host text \'.127.0.0.1\' ends in a number but is no IPv4 address: the standard\'s host parser fails (the polyfill lets it through)'],
  ['http://*.0.0.1', 'the fixed host text \'.0.0.1\' ends in a number but is no IPv4 address: the standard\'s host parser fails (the polyfill lets it through)'],
  ['https://tauri.app/x\\', 'a dangling escape: the standard\'s tokenizer rejects it (the polyfill lets it through)'],
];


// ---------------------------------------------------------------------------------------------
// Tauri's widening (see README.md). Tauri (tauri-utils, RemoteUrlPattern::from_str) parses the
// pattern string into its components, then replaces an empty or absent search with `*`, an
// empty or absent hash with `*`, and a pathname that is empty or exactly `/` with `*`, before
// compiling it. Warden does the same. The verdict Tauri would give is computed here with the
// polyfill itself: the pattern's components, with those three widened, fed back to URLPattern.
// Where it differs from the plain polyfill verdict, the vector gets a `warden_override`.
// ---------------------------------------------------------------------------------------------
const TAURI_WIDENING = "Tauri widens '/' paths and empty search/hash to '*'";
const COMPONENTS = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];

// Returns { pattern, widened: [component names] }, or null when Tauri changes nothing.
function tauriWidened(pattern) {
  const init = {};
  for (const c of COMPONENTS) init[c] = pattern[c];
  const widened = [];
  if (init.search === '') { init.search = '*'; widened.push('search'); }
  if (init.hash === '') { init.hash = '*'; widened.push('hash'); }
  if (init.pathname === '' || init.pathname === '/') { init.pathname = '*'; widened.push('pathname'); }
  if (widened.length === 0) return null;
  const wide = new URLPattern(init);
  for (const c of COMPONENTS) {
    const want = widened.includes(c) ? '*' : pattern[c];
    if (wide[c] !== want) {
      throw new Error(`rebuilding ${JSON.stringify(pattern)} changed its ${c}: ${JSON.stringify(pattern[c])} -> ${JSON.stringify(wide[c])}`);
    }
  }
  return { pattern: wide, widened };
}

// ---------------------------------------------------------------------------------------------
// Warden's deliberate overrides of a polyfill `true` (see README.md).
// ---------------------------------------------------------------------------------------------
function rawAuthority(url) {
  // What a WHATWG parser reads as the authority of a special URL, before any decoding.
  const s = url.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:[\/\\]*([^\/\\?#]*)/.exec(s);
  return m ? m[1] : '';
}

function override(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.host === '' || u.protocol === 'file:') {
    return `the URL has no host (${u.protocol} URL): Warden never matches a URL without a host`;
  }
  const auth = rawAuthority(url);
  if (auth.includes('@')) {
    return 'the URL has userinfo (an `@` in its authority): Warden never matches such a URL';
  }
  if (/[^\x00-\x7f]|%[89a-fA-F][0-9a-fA-F]/.test(auth)) {
    return 'non-ASCII host: IDNA is out of scope, such hosts never match';
  }
  return null;
}

// Where the pinned polyfill departs from the URLPattern standard and Warden follows the
// standard. Keyed by pattern, then url; `component` is the one the bug is about (an override is
// moot, and refused, when Tauri's widening turns that component into `*`). The `//` path bug no
// longer shows with `https://tauri.app/`, whose path is widened: `/*.js` keeps it covered.
const WSS_BUG = 'polyfill bug: its default-port table spells wss as "wws", so the pattern keeps port 443; '
  + 'the standard (and Warden) elide the default port of wss, so this matches';
const DOUBLE_STRIP = 'polyfill bug: it strips every leading "#" (or "?") of the tested URL\'s fragment (or query); '
  + 'the standard compares the URL record\'s fragment ("#top") as is, so this does not match';
const SLASH_SLASH = 'polyfill bug: it re-reads a URL path starting with "//" as if "//host" followed, so it sees "/" '
  + '(or the rest of the path); the standard compares the path as written ("//x")';
const LEADING_ZERO = 'polyfill bug: it keeps a port written with a leading zero ("01420") as text, which no URL shows; '
  + 'the standard (and Tauri\'s urlpattern crate) read the port as a number, 1420';
const specOverrides = {
  'http://localhost:01420': {
    'http://localhost:1420/': { expected: true, reason: LEADING_ZERO, component: 'port' },
    'http://localhost:01420/': { expected: true, reason: LEADING_ZERO, component: 'port' },
  },
  'https://tauri.app/*/..': {
    'https://tauri.app//': { expected: true, reason: SLASH_SLASH, component: 'pathname' },
  },
  'https://tauri.app/*.js': {
    'https://tauri.app//.js': { expected: true, reason: SLASH_SLASH, component: 'pathname' },
  },
  'https://tauri.app/x#top': {
    'https://tauri.app/x##top': { expected: false, reason: DOUBLE_STRIP, component: 'hash' },
  },
  'https://tauri.app/x?a=1': {
    'https://tauri.app/x??a=1': { expected: false, reason: DOUBLE_STRIP, component: 'search' },
  },
  'wss://tauri.app:443': {
    'wss://tauri.app/': { expected: true, reason: WSS_BUG, component: 'port' },
    'wss://tauri.app:443/': { expected: true, reason: WSS_BUG, component: 'port' },
  },
};

function tryPattern(p) {
  try { return { pattern: new URLPattern(p) }; } catch (e) { return { error: String(e.message) }; }
}

const vectors = [];
let matchCount = 0;
for (const [p, urls] of supported) {
  const { pattern, error } = tryPattern(p);
  if (!pattern) throw new Error(`supported pattern ${JSON.stringify(p)} rejected by the polyfill: ${error}`);
  const tauri = tauriWidened(pattern);
  for (const url of urls) {
    const test = (pat) => { try { return pat.test(url); } catch { return false; } };
    const verdict = test(pattern);
    let href = null;
    try { href = new URL(url).href; } catch { /* not a URL */ }
    const v = { pattern: p, url, url_href: href, polyfill: verdict };
    // Warden's verdict, step by step: Tauri's widening, then a polyfill bug, then a policy.
    let expected = verdict;
    let reason = null;
    if (tauri) {
      const wide = test(tauri.pattern);
      if (wide !== verdict) { expected = wide; reason = TAURI_WIDENING; }
    }
    const spec = specOverrides[p]?.[url];
    if (spec) {
      if (tauri?.widened.includes(spec.component)) {
        throw new Error(`moot override: Tauri's widening makes the ${spec.component} of ${p} '*'; remove ${url}`);
      }
      if (spec.expected === expected) {
        throw new Error(`stale override: the polyfill now agrees on ${p} / ${url}; remove it`);
      }
      expected = spec.expected;
      reason = spec.reason;
    }
    if (expected) {
      const why = override(url);
      if (why) { expected = false; reason = why; }
    }
    if (expected !== verdict) {
      v.warden_override = expected;
      v.override_reason = reason;
    }
    vectors.push(v);
    ++matchCount;
  }
}
for (const [p, why] of rejected) {
  const { error } = tryPattern(p);
  if (!error) throw new Error(`the polyfill accepts ${JSON.stringify(p)}, listed as rejected by every implementation`);
  vectors.push({ pattern: p, unsupported: true, why, polyfill_accepts: false, polyfill_error: error });
}
for (const [p, why] of wardenRejects) {
  const { error } = tryPattern(p);
  if (error) throw new Error(`the polyfill rejects ${JSON.stringify(p)}: move it to the rejected list`);
  vectors.push({ pattern: p, unsupported: true, why, polyfill_accepts: true });
}

const out = {
  comment: 'Generated by generate.mjs; do not edit by hand. See README.md.',
  generator: { 'urlpattern-polyfill': polyfillVersion, node: process.version },
  vectors,
};
writeFileSync(new URL('./vectors.json', import.meta.url), JSON.stringify(out, null, 1) + '\n');
const overridden = vectors.filter((v) => 'warden_override' in v);
const widening = overridden.filter((v) => v.override_reason === TAURI_WIDENING).length;
console.log(`${matchCount} match vectors (${overridden.length} overridden, ${widening} of them by Tauri's widening), `
  + `${rejected.length + wardenRejects.length} rejected patterns (${wardenRejects.length} by Warden only)`);
