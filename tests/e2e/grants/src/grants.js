// Warden end-to-end scenarios of warden.grants/1: the grant probe (tests/plugins/grant-probe)
// stands in for the user's pick and grants the path the page names to the calling window; the
// real fs plugin (through the unmodified @tauri-apps/plugin-fs) and the asset protocol
// (convertFileSrc of @tauri-apps/api/core) then reach it, or not. setup.sh made $HOME/picked (with
// a denied folder), $HOME/outside, $HOME/meta (folders named with glob metacharacters beside the
// siblings they must not reach), $HOME/pics and the app's $APPLOG. The "second" window has the
// same capability and no grant. With GRANTS=off (a second run) the config lacks
// plugins.grant-probe.grants and every grant is refused.
import { convertFileSrc, invoke } from '@tauri-apps/api/core';
import { emit, listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { WebviewWindow } from '@tauri-apps/api/webviewWindow';
import { readDir, readTextFile } from '@tauri-apps/plugin-fs';
import { expect, rejects, report, reportBroken, scenario, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(24, 90);

const meta = (name) => document.querySelector(`meta[name=${name}]`).content;
const HOME = meta('home');
const APPLOG = meta('applog');
const APPDATA = APPLOG.replace(/\/logs$/, '');
const GRANTS_ON = meta('grants') === 'on';
const REFUSED = 'refused by scope';
const REMOTE_BASE = meta('remote');

const grant = (path, scope, recursive = false, command = 'grant') =>
  invoke('plugin:grant-probe|' + command, { path, scope, recursive });

async function granted(path, scope, recursive = false, command = 'grant') {
  const r = await grant(path, scope, recursive, command);
  expect(r.status === 1, `${scope} grant of ${path} made, got ${JSON.stringify(r)}`);
}

async function refusedGrant(path, scope, part, recursive = false) {
  const r = await grant(path, scope, recursive);
  expect(r.status === 0 && String(r.reason).includes(part), `${scope} grant of ${path} refused (${part}), got ${JSON.stringify(r)}`);
}

async function reads(path, want) {
  const text = await readTextFile(path);
  expect(text === want, `${path} read as "${want}", got "${text}"`);
}

async function refusedRead(path) {
  try {
    await readTextFile(path);
  } catch (e) {
    const message = String(e && e.message ? e.message : e);
    expect(message.includes(REFUSED), `a refusal by scope for ${path}, got "${message}"`);
    return;
  }
  throw new Error(`${path} was readable`);
}

const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out: ' + what)), ms))]);

const assetStatus = async (path, tag) => (await fetch(convertFileSrc(path) + '?' + tag)).status;

async function imageLoads(path, tag) {
  const image = new Image();
  image.src = convertFileSrc(path) + '?' + tag;
  try {
    await withTimeout(image.decode(), 10000, 'image ' + path);
    return image.naturalWidth === 1;
  } catch (e) {
    return false;
  }
}

async function mainWindow() {
  const secondReady = new Promise((resolve) => listen('second-ready', resolve));

  await scenario('fs_refused_before_grant', async () => {
    await refusedRead(HOME + '/picked/a.txt');
    return 'refused';
  });

  await scenario('fs_granted_folder', async () => {
    await granted(HOME + '/picked', 'fs', true);
    await reads(HOME + '/picked/a.txt', 'picked a');
    await reads(HOME + '/picked/sub/b.txt', 'picked b');
    const names = (await readDir(HOME + '/picked')).map((e) => e.name).sort();
    expect(names.includes('a.txt') && names.includes('sub'), 'the folder listed, got ' + names.join());
    return 'read';
  });

  await scenario('fs_outside_refused', async () => {
    await refusedRead(HOME + '/outside/secret.txt');
    await rejects(readTextFile(HOME + '/picked/../outside/secret.txt'));  // refused, whichever way
    return 'refused';
  });

  await scenario('fs_deny_wins', async () => {
    await refusedRead(HOME + '/picked/denied/d.txt');
    return 'refused';
  });

  await scenario('fs_folder_not_recursive', async () => {
    await granted(HOME + '/meta', 'fs');  // the folder and its entries only
    const names = (await readDir(HOME + '/meta')).map((e) => e.name);
    expect(names.length === 6, 'meta listed, got ' + names.join());
    await refusedRead(HOME + '/meta/star/other/in.txt');
    return 'entries only';
  });

  await scenario('fs_grant_from_blocking_pool', async () => {
    await refusedRead(HOME + '/pool/p.txt');
    await granted(HOME + '/pool/p.txt', 'fs', false, 'grant_from_pool');
    await reads(HOME + '/pool/p.txt', 'from the pool');
    return 'read';
  });

  await scenario('private_folder_refused', async () => {
    await refusedGrant(APPLOG, 'fs', 'host-private', true);
    await refusedGrant(APPLOG + '/host.log', 'fs', 'host-private');
    await refusedGrant(APPLOG + '/../logs', 'asset', 'host-private');
    await refusedRead(APPLOG + '/host.log');
    return 'refused';
  });

  await scenario('private_folder_inside_grant_refused', async () => {
    await granted(APPDATA, 'fs', true);
    await reads(APPDATA + '/data.txt', 'app data');
    await refusedRead(APPLOG + '/host.log');
    await granted(APPDATA, 'asset', true);
    expect(await assetStatus(APPDATA + '/data.txt', 'p') === 200, 'the asset grant of the folder serves its file');
    expect(await assetStatus(APPLOG + '/host.log', 'p') === 403, 'the asset scheme refuses the private log');
    return 'refused inside';
  });

  await scenario('metacharacters_do_not_widen', async () => {
    const pairs = [['star/*', 'star/other'], ['class/[a]', 'class/a'], ['globstar/**', 'globstar/x/y'],
      ['braces/{a,b}', 'braces/a'], ['question/?', 'question/q'], ['negated/[!a]', 'negated/b']];
    for (const [picked, sibling] of pairs) {
      await granted(HOME + '/meta/' + picked, 'fs', true);
      await reads(HOME + '/meta/' + picked + '/in.txt', 'inside');
      await refusedRead(HOME + '/meta/' + sibling + '/in.txt');
    }
    return pairs.length + ' folders';
  });

  await scenario('asset_granted_image_loads', async () => {
    const image = HOME + '/pics/granted.png';
    expect(await assetStatus(image, 'before') === 403, 'refused before the grant');
    expect(!(await imageLoads(image, 'before-img')), 'no image before the grant');
    await granted(image, 'asset');
    expect(await assetStatus(image, 'after') === 200, 'served after the grant');
    expect(await imageLoads(image, 'after-img'), 'the image loads after the grant');
    return 'loaded';
  });

  await scenario('asset_other_image_refused', async () => {
    const other = HOME + '/pics/other.png';
    expect(await assetStatus(other, 'x') === 403, 'the sibling image refused');
    expect(!(await imageLoads(other, 'x-img')), 'the sibling image does not load');
    // An fs grant is not an asset grant.
    expect(await assetStatus(HOME + '/picked/a.txt', 'fs') === 403, 'an fs-granted file is no asset');
    return 'refused';
  });

  await scenario('asset_config_deny_wins', async () => {
    await granted(HOME + '/gallery', 'asset', true);
    expect(await assetStatus(HOME + '/gallery/ok.png', 'g') === 200, 'the granted folder\'s image served');
    expect(await assetStatus(HOME + '/gallery/denied/no.png', 'g') === 403, 'the config\'s deny still refuses');
    return 'refused';
  });

  await scenario('unknown_scope_refused', async () => {
    await refusedGrant(HOME + '/picked', 'shell', 'unknown scope');
    return 'refused';
  });

  // A window "child" that got a grant is destroyed; a new window opened under the same label does
  // not inherit it (the grant went with the first one).
  await scenario('grant_goes_with_window', async () => {
    const reports = [];
    const unlisten = await listen('child-read', (e) => reports.push(e.payload));
    const until = async (cond, what) => {
      const started = Date.now();
      while (!(await cond())) {
        if (Date.now() - started > 20000) throw new Error('timed out: ' + what);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const opened = [];
    for (const generation of ['first', 'second']) {
      const child = new WebviewWindow('child', { url: 'index.html#' + generation, title: 'child ' + generation,
        width: 200, height: 150 });
      const created = await new Promise((resolve) => {
        child.once('tauri://created', () => resolve(true));
        child.once('tauri://error', (e) => resolve(e.payload));
      });
      expect(created === true, 'child created, got ' + JSON.stringify(created));
      await until(async () => reports.some((r) => r.generation === generation), 'the ' + generation + ' child');
      await child.destroy();
      await until(async () => (await WebviewWindow.getByLabel('child')) === null, 'the child gone');
      opened.push(reports.find((r) => r.generation === generation));
    }
    unlisten();
    expect(opened[0].granted === 1 && opened[0].read === 'picked a', 'the first child granted and read, got ' + JSON.stringify(opened[0]));
    expect(opened[1].read === 'refused', 'the second child refused, got ' + JSON.stringify(opened[1]));
    return 'gone';
  });

  // An http://127.0.0.1 frame in main (granted the same commands for its origin by remote.urls):
  // main's grant of picked/ is not its; its own grant of outside/secret.txt is not main's.
  await scenario('other_origin_refused', async () => {
    const frame = document.createElement('iframe');
    const answer = new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data && e.data.remoteFrame) resolve(e.data); });
    });
    frame.src = REMOTE_BASE + '/frame.html';
    document.body.appendChild(frame);
    const got = await withTimeout(answer, 20000, 'the remote frame');
    expect(got.picked === 'refused', 'main\'s grant refused to the frame, got ' + got.picked);
    expect(got.granted === 1 && got.own === 'secret', 'the frame\'s own grant, got ' + JSON.stringify(got));
    await refusedRead(HOME + '/outside/secret.txt');
    return 'refused';
  });

  await scenario('second_window_told', async () => {
    await withTimeout(secondReady, 20000, 'the second window');
    await emit('granted', {});
    return 'told';
  });
}

async function secondWindow() {
  const told = new Promise((resolve) => listen('granted', resolve));
  const ping = setInterval(() => emit('second-ready', {}), 200);
  await scenario('second_window_refused', async () => {
    await withTimeout(told, 30000, 'main granted');
    clearInterval(ping);
    await refusedRead(HOME + '/picked/a.txt');
    await refusedRead(HOME + '/pool/p.txt');
    expect(await assetStatus(HOME + '/pics/granted.png', 'second') === 403, 'main\'s asset grant is not second\'s');
    return 'refused';
  });
  clearInterval(ping);
}

// The same app without plugins.grant-probe.grants: nothing is granted, the reason names the key.
async function withoutGrantsKey() {
  await scenario('no_grants_key_refused', async () => {
    await refusedGrant(HOME + '/picked', 'fs', 'plugins.grant-probe.grants', true);
    await refusedGrant(HOME + '/pics/granted.png', 'asset', 'plugins.grant-probe.grants');
    await refusedRead(HOME + '/picked/a.txt');
    expect(await assetStatus(HOME + '/pics/granted.png', 'off') === 403, 'no asset');
    return 'refused';
  });
}

// A child window of main's: the first one grants itself $HOME/picked and reads inside it, the next
// one under the same label only tries to read. Each tells main through an event; main destroys it.
async function childWindow() {
  const generation = location.hash.slice(1);
  let granted = null;
  if (generation === 'first') granted = (await grant(HOME + '/picked', 'fs', true)).status;
  let read;
  try {
    read = await readTextFile(HOME + '/picked/a.txt');
  } catch (e) {
    read = String(e && e.message ? e.message : e).includes(REFUSED) ? 'refused' : String(e);
  }
  await emit('child-read', { generation, granted, read });
}

async function remoteFrame() {
  const outcome = async (path) => {
    try {
      return await readTextFile(path);
    } catch (e) {
      return String(e && e.message ? e.message : e).includes(REFUSED) ? 'refused' : String(e);
    }
  };
  const picked = await outcome(HOME + '/picked/a.txt');
  const granted = (await grant(HOME + '/outside/secret.txt', 'fs')).status;
  const own = await outcome(HOME + '/outside/secret.txt');
  parent.postMessage({ remoteFrame: true, picked, granted, own }, '*');
}

async function run() {
  if (location.protocol === 'http:') return remoteFrame();
  const label = getCurrentWindow().label;
  if (label === 'child') return childWindow();
  if (!GRANTS_ON) await withoutGrantsKey();
  else if (label === 'main') await mainWindow();
  else await secondWindow();
  report();
}

run().catch((e) => reportBroken(e));
