// Warden end-to-end scenarios of the first-party plugins os and log, through their unmodified
// npm packages @tauri-apps/plugin-os and @tauri-apps/plugin-log (pinned by the lockfile). Each
// window reports {scenario: {ok, detail}} in its title as "DONE <json>", like main.js.
import { arch, eol, exeExtension, family, hostname, locale, platform, type, version } from '@tauri-apps/plugin-os';
import { attachLogger, info, trace, warn } from '@tauri-apps/plugin-log';
import { invoke } from '@tauri-apps/api/core';
import { results, scenario, expect, rejects, short, setDetailLengths } from '../prelude/scenario.js';

setDetailLengths(60, 60);

function expected(name) {
  return document.querySelector('meta[name=expected-' + name + ']').content;
}

// The values the package reads synchronously from the plugin's init script: present in every
// window, whatever its permissions (as in Tauri).
async function osSyncValues() {
  await scenario('os_sync_values', async () => {
    const got = { platform: platform(), type: type(), family: family(), eol: eol(), exe: exeExtension(),
      arch: arch(), version: version() };
    expect(got.platform === 'linux' && got.type === 'linux' && got.family === 'unix', 'linux/linux/unix, got ' + JSON.stringify(got));
    expect(got.eol === '\n' && got.exe === '', 'eol \\n and no exe extension, got ' + JSON.stringify(got));
    expect(got.arch === expected('arch'), 'arch ' + expected('arch') + ', got ' + got.arch);
    expect(got.version === expected('os-version'), 'version ' + expected('os-version') + ', got ' + got.version);
    return got.platform + ' ' + got.arch + ' ' + got.version;
  });
}

async function mainWindow() {
  await osSyncValues();

  await scenario('os_locale_allowed', async () => {
    const tag = await locale();
    expect(tag === expected('locale'), 'locale ' + expected('locale') + ', got ' + JSON.stringify(tag));
    return tag;
  });

  await scenario('os_hostname_denied', async () => {
    const error = await rejects(hostname());
    expect(typeof error === 'string' && error.startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });

  await scenario('log_allowed', async () => {
    const received = [];
    const detach = await attachLogger((entry) => received.push(entry));
    await info('e2e info from main', { keyValues: { run: 'e2e' } });
    await trace('e2e trace dropped');
    await warn('e2e warn evented');
    const t0 = performance.now();
    while (received.length < 1 && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    detach();
    // The webview target is configured at warn: the warning arrives, the info does not.
    expect(received.length === 1, 'one log://log event, got ' + JSON.stringify(received));
    expect(received[0].level === 4 && received[0].message.startsWith('[webview:main] e2e warn evented'),
      'the warning, got ' + JSON.stringify(received[0]));
    return received[0].message;
  });

  await scenario('log_bad_level_rejected', async () => {
    const error = await rejects(invoke('plugin:log|log', { level: 9, message: 'x' }));
    expect(String(error).includes('level'), 'an error about level, got ' + JSON.stringify(error));
    return error;
  });
}

async function secondWindow() {
  await osSyncValues();

  await scenario('os_hostname_allowed', async () => {
    const name = await hostname();
    expect(name === expected('hostname'), 'hostname ' + expected('hostname') + ', got ' + JSON.stringify(name));
    return name;
  });

  await scenario('os_locale_denied', async () => {
    const error = await rejects(locale());
    expect(typeof error === 'string' && error.startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });

  await scenario('log_denied', async () => {
    const error = await rejects(info('e2e info from second must not be written'));
    expect(typeof error === 'string' && error.startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'main') await mainWindow();
  else if (label === 'second') await secondWindow();
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
