// The autostart e2e (tests/e2e/autostart): @tauri-apps/plugin-autostart in the real WebView,
// checked as a desktop session sees the entry: autostart_driver.py reads the run's autostart
// folder, validates the entry with desktop-file-validate, parses its Exec line by the Desktop
// Entry spec (not a shell) and starts it as a session does at login.
//
// One bundle, two pages, and the same pages again in the app the entry starts: "main" (Tauri's
// default autostart set) enables, runs the entry, disables and meets the files a hostile or
// careless neighbour leaves at the entry's path; "second" (no autostart permission) is refused.
// In the launched app (its appDataDir is under launched-data/: the driver starts it with its own
// XDG_DATA_HOME) a page only says it is up.
import { enable, disable, isEnabled } from '@tauri-apps/plugin-autostart';
import { appDataDir } from '@tauri-apps/api/path';
import { scenarioWithin, expect, rejects, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(80, 300);

// Every scenario ends: one whose call or event never comes fails after 40 s.
const scenario = (name, body) => scenarioWithin(40000, name, body);

const DRIVER = pageDriver('autostart-driver');
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const message = (e) => (e && e.message ? e.message : String(e));
// plugins.autostart.args of app/warden.conf.json, as the launched app must receive them.
const ARGS = ['with space', 'quote"d', '100%', '$HOME', 'back\\slash', "it's", 'a;b&c|d', '`tick`'];

const driver = (path, params) => DRIVER.call(path, params);

async function mainPage() {
  await scenario('enable_writes_entry', async () => {
    expect((await isEnabled()) === false, 'isEnabled() false before enable');
    await enable();
    expect((await isEnabled()) === true, 'isEnabled() true after enable');
    const entry = await driver('/entry');
    expect(entry.exists && entry.regular, 'a regular file at the entry path');
    expect(entry.validate.status === 0, 'desktop-file-validate passes, got: ' + entry.validate.output);
    expect(entry.name === 'Warden E2E autostart', 'Name the productName, got ' + entry.name);
    const argv = entry.argv;
    expect(argv[0].startsWith('/') && argv[1] === 'run' && argv[2].endsWith('/app'),
      'Exec starts with the absolute host binary, run, the app folder; got ' + JSON.stringify(argv.slice(0, 3)));
    const dash = argv.indexOf('--');
    expect(dash > 2, 'the args after --, got ' + JSON.stringify(argv));
    expect(JSON.stringify(argv.slice(dash + 1)) === JSON.stringify(ARGS),
      'each arg read back as written, got ' + JSON.stringify(argv.slice(dash + 1)));
    return 'valid, ' + argv.length + ' args';
  });

  await scenario('exec_starts_app', async () => {
    const launched = await driver('/launch');
    expect(launched.started, 'the launched app came up');
    return 'started';
  });

  await scenario('disable_removes_entry', async () => {
    await disable();
    expect((await isEnabled()) === false, 'isEnabled() false after disable');
    expect(!(await driver('/entry')).exists, 'the entry gone');
    await disable(); // already disabled: nothing to do
    return 'removed';
  });

  await scenario('disable_leaves_foreign_file', async () => {
    await driver('/plant', { kind: 'foreign' });
    expect((await isEnabled()) === false, "isEnabled() false for an entry this app did not write");
    const e = message(await rejects(disable()));
    expect(/not written by Warden/.test(e), 'disable refuses a foreign file, got ' + e);
    const entry = await driver('/entry');
    expect(entry.exists && entry.text.includes("Someone else's"), 'the foreign file left in place');
    await driver('/remove');
    return 'left in place';
  });

  await scenario('enable_replaces_symlink', async () => {
    await driver('/plant', { kind: 'symlink' });
    expect((await isEnabled()) === false, 'isEnabled() false for a symlink');
    await enable();
    const entry = await driver('/entry');
    expect(entry.exists && entry.regular, 'the symlink replaced by a regular file');
    const target = (await driver('/target')).text;
    expect(target === 'not an autostart entry\n', 'the link target untouched, got ' + JSON.stringify(target));
    await disable();
    expect(!(await driver('/entry')).exists, 'the entry gone again');
    return 'target untouched';
  });
}

async function secondPage() {
  await scenario('autostart_not_allowed', async () => {
    const answers = [];
    for (const call of [enable, disable, isEnabled]) answers.push(message(await rejects(call())));
    expect(answers.every((e) => /not allowed/.test(e)), 'enable, disable, isEnabled "not allowed", got ' + JSON.stringify(answers));
    return 'refused';
  });
}

(async () => {
  // The copy the autostart entry started only says so; the suite's own run reports.
  if ((await appDataDir()).includes('/launched-data/')) {
    await driver('/started', { window: label });
    return;
  }
  await DRIVER.runPage(label, label === 'main' ? mainPage : secondPage);
})();
