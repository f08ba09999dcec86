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
];

// ---------------------------------------------------------------------------------------------
// Patterns outside Warden's subset: Warden's UrlPattern::parse must throw for each. The
// polyfill's opinion (accepts / rejects) is recorded for the reader.
// ---------------------------------------------------------------------------------------------
const unsupported = [
  ['https://tauri.app/:id', 'named group'],
  ['https://tauri.app/docs/:page/edit', 'named group'],
  ['https://tauri.app/a:b', 'named group'],
  ['https://tauri.app/a:1', '`:` not followed by a name'],
  ['https://tauri.app/(\\d+)', 'regexp group'],
  ['https://tauri.app/docs/(.*)', 'regexp group'],
  ['https://tauri.app/{docs}?', 'group with modifier'],
  ['https://tauri.app/{docs}', 'group'],
  ['https://tauri.app/docs/*?', 'optional modifier on `*`'],
  ['https://tauri.app/*?*', '`?` after `*` is a modifier, not a query'],
  ['https://tauri.app/*+', 'modifier'],
  ['https://tauri.app/a+', 'modifier'],
  ['https://tauri.app/a+b', 'modifier'],
  ['https://tauri.app/x?a=b?c', 'modifier in search'],
  ['https://tauri.app/x?q=:v', 'named group in search'],
  ['https://tauri.app/x#:frag', 'named group in hash'],
  ['https://*tauri.app', '`*` must be a whole label'],
  ['https://tauri*.app', '`*` must be a whole label'],
  ['https://tauri.*', '`*` only as the leftmost label'],
  ['https://tauri.app.*', '`*` only as the leftmost label'],
  ['https://a.*.tauri.app', '`*` only as the leftmost label'],
  ['https://*.*.tauri.app', '`*` only as the leftmost label'],
  ['https://*.', '`*.` needs a domain'],
  ['https://*.127.0.0.1', '`*.` needs a domain'],
  ['http://*.0.0.1', '`*.` needs a domain'],
  ['http*://tauri.app', 'partial scheme wildcard'],
  ['http{s}?://tauri.app', 'group in scheme'],
  ['file:///*', 'file: is not a remote scheme'],
  ['file://*', 'file: is not a remote scheme'],
  ['data:*', 'no authority'],
  ['blob:*', 'no authority'],
  ['tauri://localhost', 'custom scheme'],
  ['myapp://*', 'custom scheme'],
  ['javascript:*', 'no authority'],
  ['tauri.app', 'relative: no scheme'],
  ['/docs/*', 'relative: no scheme'],
  ['*', 'relative: no scheme'],
  ['', 'empty'],
  ['https://user:pw@tauri.app', 'userinfo in pattern'],
  ['https://*@tauri.app', 'userinfo in pattern'],
  ['https://:*@tauri.app', 'userinfo in pattern'],
  ['https://tauri.app:99999', 'port out of range'],
  ['https://tauri.app:8o80', 'port not a number'],
  ['https://tauri.app:8*', 'partial port wildcard'],
  ['HTTPS://tauri.app:443', 'uppercase scheme with its default port (the standard keeps the port: never matches)'],
  ['http://localhost:01420', 'leading zero in port (the polyfill keeps "01420", which never matches; the standard reads 1420)'],
  ['https://tauri.app/a/../b', 'dot segment in pattern path'],
  ['https://tauri.app/./a', 'dot segment in pattern path'],
  ['https://tauri.app/a/%2e%2e/b', 'dot segment in pattern path'],
  ['https://tauri.app/*/..', 'dot segment in pattern path'],
  ['https://tauri.app/a\\\\b', 'backslash in pattern path'],
  ['https://b\u00fccher.de', 'non-ASCII host (IDNA out of scope)'],
  ['https://t%61uri.app', 'percent-encoded host'],
  ['https://tau ri.app', 'invalid host character'],
  ['https://tauri.app!', 'invalid host character'],
  // IPv6 hosts must escape their colons (`:` starts a named group) and be written canonically.
  ['https://[::1]', 'unescaped `:` in IPv6 host'],
  ['https://[0\\:0\\:\\:1]', 'IPv6 not in canonical form'],
  ['https://[\\:\\:0001]', 'IPv6 not in canonical form'],
  ['http://[1\\:0\\:0\\:2\\:\\:3\\:0]', 'IPv6 not in canonical form (the polyfill accepts it, but it can never match)'],
  ['https://tauri.app/why\\?', 'an escaped `?` still starts the query in a pattern string'],
  ['https://tauri.app/a\\#b', 'an escaped `#` still starts the fragment in a pattern string'],
  ['https://tauri\\.app', 'escapes in the host'],
  ['https://*?.tauri.app', 'modifier in host'],
  ['https://[\\:\\:1', 'unterminated IPv6'],
  ['https://[\\:\\:1]x', 'junk after IPv6'],
  ['https://[\\:\\:g]', 'invalid IPv6'],
  ['https://', 'empty host'],
  ['https://:443', 'empty host'],
  ['https:///docs', 'empty host'],
  ['https://1.2.3.256', 'invalid IPv4'],
  ['https://tauri.app/x\\', 'dangling escape'],
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
const WARDEN_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

function rawAuthority(url) {
  // What a WHATWG parser reads as the authority of a special URL, before any decoding.
  const s = url.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:[\/\\]*([^\/\\?#]*)/.exec(s);
  return m ? m[1] : '';
}

function override(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (!WARDEN_SCHEMES.has(u.protocol)) {
    return `scheme ${u.protocol} is not a remote-origin scheme: Warden matches only http, https, ws, wss and ftp URLs`;
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
const specOverrides = {
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
for (const [p, why] of unsupported) {
  const { error } = tryPattern(p);
  vectors.push({ pattern: p, unsupported: true, why, polyfill_accepts: !error, ...(error ? { polyfill_error: error } : {}) });
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
  + `${unsupported.length} unsupported patterns`);
