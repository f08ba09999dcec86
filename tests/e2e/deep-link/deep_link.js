// The deep-link e2e (tests/e2e/deep-link): @tauri-apps/plugin-deep-link in the real WebView, checked
// as the desktop sees it: deep_link_driver.py reads the handler entry (desktop-file-validate) and
// xdg-mime's default, and acts as the desktop and the user: xdg-open of a link, a later
// `warden run` of the app with a link. The app is single-instance: both must reach this page's
// onOpenUrl and exit 0.
//
// Three pages of one bundle: "main" (Tauri's default set plus register, unregister, is_registered),
// "reader" (Tauri's default set: getCurrent only) and "denied" (no deep-link permission: every
// command refused). The run was started with
// `-- wardentest://launch/0 --not-a-link https://example.com/launch wardenforeign://launch/2`
// (in_session.sh): getCurrent must give the one link of a configured scheme.
import { getCurrent, isRegistered, onOpenUrl, register, unregister } from '@tauri-apps/plugin-deep-link';
import { scenarioWithin, expect, rejectionMessage, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(80, 300);

// Every scenario ends: one whose call or event never comes fails after 60 s.
const scenario = (name, body) => scenarioWithin(60000, name, body);

const DRIVER = pageDriver('deep-link-driver');
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const driver = (path, params) => DRIVER.call(path, params);
const DESKTOP_ID = 'dev.warden.e2e.deep-link-handler.desktop';
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The links onOpenUrl hears, in order; next() waits for the next one not yet taken.
const heard = [];
let taken = 0;
let wake = null;
async function listenLinks() {
  await onOpenUrl((urls) => {
    heard.push(urls);
    if (wake) wake();
  });
}
async function nextLinks() {
  while (taken === heard.length) await new Promise((resolve) => { wake = resolve; });
  return heard[taken++];
}

// A later instance (xdg-open or warden run) must hand over and exit 0 quickly.
function handedOver(run, what) {
  expect(run.status === 0, what + ' exits 0, got ' + run.status + ' (see ' + run.log + ')');
  return run.seconds;
}

async function mainPage() {
  await listenLinks();

  await scenario('get_current_from_launch', async () => {
    const current = await getCurrent();
    expect(same(current, ['wardentest://launch/0']), 'the one configured link of the arguments, got ' + JSON.stringify(current));
    return current[0];
  });

  await scenario('is_registered_false_before', async () => {
    expect((await isRegistered('wardentest')) === false, 'isRegistered false before register');
    expect((await driver('/default', { scheme: 'wardentest' })).default === '', 'no default yet');
    return 'false';
  });

  await scenario('register_writes_entry', async () => {
    await register('wardentest');
    const entry = await driver('/entry');
    expect(entry.exists && entry.regular, 'a regular file at the entry path');
    expect(entry.validate.status === 0, 'desktop-file-validate passes, got: ' + entry.validate.output);
    expect(same(entry.mime, ['x-scheme-handler/wardentest']), 'MimeType the scheme, got ' + JSON.stringify(entry.mime));
    expect(/^\/\S+ run \/\S+\/app -- %u$/.test(entry.exec), 'Exec the launch command, -- and %u, got ' + entry.exec);
    const chosen = (await driver('/default', { scheme: 'wardentest' })).default;
    expect(chosen === DESKTOP_ID, 'xdg-mime names the entry, got ' + chosen);
    expect((await isRegistered('wardentest')) === true, 'isRegistered true after register');
    return chosen;
  });

  await scenario('register_second_scheme', async () => {
    await register('WardenOther'); // a scheme compares case-insensitively
    const entry = await driver('/entry');
    expect(same(entry.mime, ['x-scheme-handler/wardentest', 'x-scheme-handler/wardenother']),
      'both schemes in MimeType, got ' + JSON.stringify(entry.mime));
    expect(entry.validate.status === 0, 'still valid: ' + entry.validate.output);
    expect((await isRegistered('wardenother')) && (await isRegistered('wardentest')), 'both registered');
    return 'both';
  });

  await scenario('register_unconfigured_refused', async () => {
    const e = await rejectionMessage(register('wardenforeign'));
    expect(/refused|not in plugins\.deep-link/.test(e), 'a scheme the config lacks refused, got ' + e);
    expect((await driver('/default', { scheme: 'wardenforeign' })).default === '', 'no default made for it');
    expect(!(await driver('/entry')).mime.includes('x-scheme-handler/wardenforeign'), 'not in the entry');
    return 'refused';
  });

  await scenario('register_web_schemes_refused', async () => {
    const answers = [];
    for (const scheme of ['https', 'http', 'file', 'mailto']) answers.push(await rejectionMessage(register(scheme)));
    expect(answers.every((e) => /refused|not in plugins\.deep-link/.test(e)), 'https, http, file, mailto refused, got ' + JSON.stringify(answers));
    for (const scheme of ['https', 'mailto']) {
      const chosen = (await driver('/default', { scheme })).default;
      expect(chosen !== DESKTOP_ID, scheme + ' not handed to the app, got ' + chosen);
    }
    return 'refused';
  });

  await scenario('register_bad_protocol_refused', async () => {
    const answers = [];
    for (const protocol of ['wardentest://', 'warden test', '', '../wardentest', 'a'.repeat(65),
      'wardentest\nExec=/bin/sh', 'wardentest;x-scheme-handler/https'])
      answers.push(await rejectionMessage(register(protocol)));
    expect(answers.every((e) => /not a URL scheme/.test(e)), 'each refused as no scheme, got ' + JSON.stringify(answers));
    return 'refused';
  });

  await scenario('xdg_open_reaches_instance', async () => {
    const seconds = handedOver(await driver('/xdg-open', { url: 'wardentest://x/1' }), 'xdg-open wardentest://x/1');
    const links = await nextLinks();
    expect(same(links, ['wardentest://x/1']), 'onOpenUrl hears exactly the link, got ' + JSON.stringify(links));
    return 'in ' + seconds + ' s';
  });

  await scenario('second_run_forwards', async () => {
    const run = await driver('/second-run', { args: JSON.stringify(['wardentest://y']) });
    const seconds = handedOver(run, 'warden run APP -- wardentest://y');
    const links = await nextLinks();
    expect(same(links, ['wardentest://y']), 'onOpenUrl hears exactly the link, got ' + JSON.stringify(links));
    return 'in ' + seconds + ' s';
  });

  await scenario('get_current_after_handover', async () => {
    const current = await getCurrent();
    expect(same(current, ['wardentest://y']), 'the latest link handed over, got ' + JSON.stringify(current));
    return current[0];
  });

  await scenario('foreign_links_not_delivered', async () => {
    // Arguments of no configured scheme: handed over, then dropped; the next event must be the
    // marker sent after them.
    handedOver(await driver('/second-run', { args: JSON.stringify(['wardenforeign://z', 'https://example.com/', '--flag']) }),
      'a run with foreign links');
    handedOver(await driver('/second-run', { args: JSON.stringify(['--x', 'wardenother://m/2', 'wardenforeign://m/3', 'WARDENTEST://m/1']) }),
      'a run with mixed arguments');
    const links = await nextLinks();
    expect(same(links, ['wardenother://m/2', 'wardentest://m/1']),
      'only the configured links, in order, the scheme lower-cased; got ' + JSON.stringify(links));
    expect(same(await getCurrent(), links), 'getCurrent the same links');
    return 'dropped';
  });

  await scenario('unregister_restores', async () => {
    await unregister('wardentest');
    expect((await isRegistered('wardentest')) === false, 'isRegistered false after unregister');
    expect((await driver('/default', { scheme: 'wardentest' })).default === '', 'no default left for wardentest');
    const entry = await driver('/entry');
    expect(entry.exists && same(entry.mime, ['x-scheme-handler/wardenother']), 'the entry keeps wardenother, got ' + JSON.stringify(entry.mime));
    expect((await isRegistered('wardenother')) === true, 'wardenother still registered');
    await unregister('wardenother');
    expect((await isRegistered('wardenother')) === false, 'wardenother unregistered');
    expect(!(await driver('/entry')).exists, 'the entry gone with its last scheme');
    await unregister('wardenother'); // nothing left to undo
    await register('wardentest'); // and back again
    expect((await isRegistered('wardentest')) === true, 'registered again');
    await unregister('wardentest');
    expect((await isRegistered('wardentest')) === false, 'unregistered again');
    return 'both ways';
  });
}

async function deniedPage() {
  await scenario('deep_link_not_allowed', async () => {
    const answers = [];
    for (const call of [() => getCurrent(), () => register('wardentest'), () => unregister('wardentest'), () => isRegistered('wardentest')])
      answers.push(await rejectionMessage(call()));
    expect(answers.every((e) => /not allowed/.test(e)), 'getCurrent, register, unregister, isRegistered "not allowed", got ' + JSON.stringify(answers));
    return 'refused';
  });
}

async function readerPage() {
  await scenario('reader_get_current_only', async () => {
    const current = await getCurrent();
    expect(Array.isArray(current) && current.length >= 1, 'getCurrent allowed by the default set, got ' + JSON.stringify(current));
    const answers = [];
    for (const call of [() => register('wardentest'), () => unregister('wardentest'), () => isRegistered('wardentest')])
      answers.push(await rejectionMessage(call()));
    expect(answers.every((e) => /not allowed/.test(e)), 'register, unregister, isRegistered "not allowed", got ' + JSON.stringify(answers));
    return 'read only';
  });
}

// The "start" run's app (app-start/): registerAtStart with wardenother already the user's choice
// of another application.
async function startPage() {
  await scenario('register_at_start', async () => {
    const chosen = (await driver('/default', { scheme: 'wardentest', expect: DESKTOP_ID, wait: 30000 })).default;
    expect(chosen === DESKTOP_ID, 'wardentest registered at start, got ' + chosen);
    expect((await isRegistered('wardentest')) === true, 'isRegistered true');
    const entry = await driver('/entry');
    expect(entry.validate.status === 0, 'the entry valid: ' + entry.validate.output);
    expect(same(entry.mime, ['x-scheme-handler/wardentest']), 'only wardentest in the entry, got ' + JSON.stringify(entry.mime));
    return chosen;
  });

  await scenario('register_at_start_keeps_user_choice', async () => {
    const other = (await driver('/default', { scheme: 'wardenother' })).default;
    expect(other === 'someone-else.desktop', "wardenother still the user's choice, got " + other);
    expect((await isRegistered('wardenother')) === false, 'isRegistered false');
    return other;
  });
}

DRIVER.runPage(label, async () => {
  if (label === 'main') await mainPage();
  else if (label === 'reader') await readerPage();
  else if (label === 'start') await startPage();
  else await deniedPage();
});
