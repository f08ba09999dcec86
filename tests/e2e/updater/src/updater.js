// Warden end-to-end scenarios of the updater plugin through the unmodified npm package
// @tauri-apps/plugin-updater (pinned by tests/e2e's lockfile). One run (mode "update"), three
// loads of the main window, the page's state kept by the store plugin (outside the app folder):
//   load 1 (1.0.0): refusals and attacks, each served by the run's server (updater_server.py,
//     picked by check's `target`); the server snapshots the app folder before and after them
//     (targets snapshot-start / snapshot-attacks); then relaunch().
//   load 2 (1.0.0 again: the attacks left it runnable): the real update, found by the static
//     endpoint, downloaded with progress, verified and installed; then relaunch().
//   load 3 (1.1.0, from the archive): reports every load's results.
// Mode "insecure": the config without dangerousInsecureTransportProtocol; check must refuse the
// http endpoint.
// Modes "inside" and "shared" (run_updater_e2e.sh's plugin-folders suite, plugin_folder_runs.sh):
// the app's --plugins folder inside its app folder (three loads: archives without ./plugins
// refused, the update whose ./plugins adds the ping plugin, 1.1.0 calling ping), or a shared one
// outside it (three loads: the update whose capability needs ping, which the shared folder lacks,
// and one whose app library is missing are refused since the host would not start them, and
// 1.0.0 starts again; the update carrying
// ./plugins installs; 1.1.0 still loads the shared folder's plugins, where ping is not). The denied window (no updater permission) reports its refusal on every load.
// The main window's report of the update run goes to the server (updater_server.py POST /report,
// page-results.txt): three loads' results do not fit in a title.
import { getVersion } from '@tauri-apps/api/app';
import { invoke } from '@tauri-apps/api/core';
import { relaunch } from '@tauri-apps/plugin-process';
import { load } from '@tauri-apps/plugin-store';
import { check } from '@tauri-apps/plugin-updater';
import { pageDriver } from '../../prelude/page_driver.js';
import { results, scenario, expect, rejectionMessage, report, reportBroken, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(Infinity, Infinity);  // the report goes to the server, not into a title

const mode = () => document.querySelector('meta[name=mode]').content;

async function deniedWindow() {
  await scenario('check_denied', async () => {
    const error = await rejectionMessage(check());
    expect(error.startsWith('not allowed'), '"not allowed", got ' + error);
    return error;
  });
}

async function insecureRun() {
  await scenario('http_endpoint_refused', async () => {
    const error = await rejectionMessage(check());
    expect(error.includes('dangerousInsecureTransportProtocol'), 'a refusal naming the key, got ' + error);
    return error;
  });
}

// The attacks: each endpoint offers a "newer" release whose install must fail, leaving 1.0.0.
const attacks = [
  ['tampered_archive_refused', 'tampered', 'signature does not verify'],
  ['other_key_refused', 'wrongkey', "not signed with this app's key"],
  ['other_identifier_refused', 'otherid', 'another app'],
  ['traversal_entry_refused', 'traversal', "'..'"],
  ['symlink_entry_refused', 'symlink', 'only files and folders'],
  ['not_a_warden_archive_refused', 'notours', 'not a Warden app'],
  ['interrupted_download_refused', 'cut', 'ended before the whole body'],
  ['archive_over_size_cap_refused', 'huge', 'over plugins.updater.maxArchiveBytes'],
  ['untrusted_certificate_refused', 'tls-untrusted', 'TLS certificate verification failed'],
  // Over HTTPS trusted through SSL_CERT_FILE: downloaded and verified, then refused for its version.
  ['ssl_cert_file_trusted', 'tls-trusted', 'not newer'],
];

async function firstLoad() {
  await scenario('first_load_runs_1_0_0', async () => {
    const version = await getVersion();
    expect(version === '1.0.0', '1.0.0, got ' + version);
    expect((await check({ target: 'snapshot-start' })) === null, 'the snapshot target answers 204');
    return version;
  });
  await scenario('no_update_on_204', async () => {
    expect((await check({ target: 'none' })) === null, 'null for a 204');
    return 'null';
  });
  await scenario('substitution_and_headers', async () => {
    const update = await check({ target: 'echo', headers: { 'X-Test': 'yes' } });
    expect(update && update.version === '1.0.1', 'the echo release');
    // The server writes what it saw: the path ({{target}}, {{current_version}}, {{arch}}) and the
    // config's and the page's headers.
    expect(update.body === '/dyn/echo/1.0.0/x86_64 warden-e2e yes', 'substituted, got ' + update.body);
    expect(update.rawJson.notes === update.body && update.currentVersion === '1.0.0', 'rawJson and currentVersion');
    await update.close();
    return update.body;
  });
  // A target that would change the endpoint's path or query is refused, never encoded.
  await scenario('target_not_a_plain_name_refused', async () => {
    const errors = [];
    for (const target of ['../none', 'echo/x', 'none?x=1', 'none#f', 'no%6Ee', 'no ne']) {
      const error = await rejectionMessage(check({ target }));
      expect(error.includes('plain name such as linux-x86_64'), `${target} refused, got ${error}`);
      errors.push(error);
    }
    return errors[0];
  });
  await scenario('page_proxy_refused', async () => {
    const error = await rejectionMessage(check({ proxy: 'http://127.0.0.1:9' }));
    expect(error.includes('allowPageProxy'), 'a refusal naming the key, got ' + error);
    return error;
  });
  await scenario('page_downgrade_refused', async () => {
    const error = await rejectionMessage(check({ allowDowngrades: true }));
    expect(error.includes('allowDowngrades'), 'a refusal naming the key, got ' + error);
    return error;
  });
  for (const [name, target, expected] of attacks) {
    await scenario(name, async () => {
      const update = await check({ target });
      expect(update && update.version === '1.1.0', `an update from ${target}`);
      const error = await rejectionMessage(update.downloadAndInstall());
      expect(error.includes(expected), `"${expected}", got ${error}`);
      return error;
    });
  }
  // download() and install() apart: the signature is good, the archive's own version is old.
  await scenario('older_archive_served_as_newer_refused', async () => {
    const update = await check({ target: 'older' });
    expect(update && update.version === '9.9.9', 'the endpoint claims 9.9.9');
    // Downloaded twice: the plugin keeps the newest archive only, the one the package installs.
    await update.download();
    await update.download();
    const error = await rejectionMessage(update.install());
    expect(error.includes('not newer'), '"not newer", got ' + error);
    return error;
  });
  await scenario('folder_snapshot_after_attacks', async () => {
    expect((await check({ target: 'snapshot-attacks' })) === null, 'the snapshot target answers 204');
    return 'taken';
  });
}

async function secondLoad() {
  await scenario('later_run_starts_1_0_0', async () => {
    const version = await getVersion();
    expect(version === '1.0.0', '1.0.0 after the attacks, got ' + version);
    return version;
  });
  await scenario('update_found', async () => {
    const update = await check();
    expect(update && update.version === '1.1.0' && update.currentVersion === '1.0.0', 'update 1.1.0');
    expect(update.body === 'the real one' && update.date === '2026-12-01T00:00:00Z', 'notes and date');
    const events = [];
    await update.downloadAndInstall((event) => events.push(event));
    const started = events[0];
    const progress = events.filter((e) => e.event === 'Progress').reduce((sum, e) => sum + e.data.chunkLength, 0);
    expect(started && started.event === 'Started' && started.data.contentLength > 0, 'Started first');
    expect(progress === started.data.contentLength, `Progress adds up to ${started.data.contentLength}, got ${progress}`);
    expect(events[events.length - 1].event === 'Finished', 'Finished last');
    const again = await rejectionMessage(update.downloadAndInstall());
    expect(again.includes('relaunch the app first'), 'a second install refused until the relaunch, got ' + again);
    return `${events.length} events, ${progress} bytes`;
  });
}

async function thirdLoad() {
  await scenario('relaunched_reports_1_1_0', async () => {
    const version = await getVersion();
    expect(version === '1.1.0', '1.1.0, got ' + version);
    expect((await check()) === null, 'no update: 1.1.0 is the newest');
    return version;
  });
}

// plugin:ping|ping: the answer, or the refusal's message when the command cannot be called.
async function ping() {
  try {
    const answer = await invoke('plugin:ping|ping', { value: 'from the page' });
    return { answered: answer && answer.value === 'from the page', text: JSON.stringify(answer) };
  } catch (e) {
    return { answered: false, text: String(e) };
  }
}

async function expectVersion(expected) {
  const version = await getVersion();
  expect(version === expected, `${expected}, got ${version}`);
  return version;
}

// The ping plugin is not in the 1.0.0 app's plugins folder: the command is refused.
async function expectPingRefused() {
  const answer = await ping();
  expect(!answer.answered, 'ping refused, got ' + answer.text);
  return answer.text;
}

const snapshotOf = async (name) =>
  expect((await check({ target: 'snapshot-' + name })) === null, `the snapshot target ${name} answers 204`);

// An update of the run's server that must install (true) or be refused naming `expected`.
async function installFrom(target, expected) {
  const update = await check({ target });
  expect(update && update.version === '1.1.0', `an update from ${target}`);
  if (!expected) {
    await update.downloadAndInstall();
    return 'installed';
  }
  const error = await rejectionMessage(update.downloadAndInstall());
  expect(error.includes(expected), `"${expected}", got ${error}`);
  return error;
}

const missingPlugins = "has no folder 'plugins', where this app's plugins are loaded from";

const insideLoads = [
  async () => {
    await scenario('inside_first_load_runs_1_0_0', async () => {
      const version = await expectVersion('1.0.0');
      await snapshotOf('inside-start');
      return `${version}, ping: ${await expectPingRefused()}`;
    });
    await scenario('archive_without_plugins_refused', () => installFrom('noplugins', missingPlugins));
    await scenario('archive_plugins_not_a_folder_refused', () => installFrom('pluginsfile', missingPlugins));
    await scenario('inside_snapshot_after_refusals', async () => {
      await snapshotOf('inside-refusals');
      return 'taken';
    });
  },
  async () => {
    await scenario('inside_later_run_starts_1_0_0', () => expectVersion('1.0.0'));
    await scenario('update_with_plugins_installed', () => installFrom('inside'));
    return results.update_with_plugins_installed.ok;
  },
  async () => {
    await scenario('relaunched_1_1_0_calls_new_plugin', async () => {
      const version = await expectVersion('1.1.0');
      const answer = await ping();
      expect(answer.answered, "ping from the new plugins folder answers, got " + answer.text);
      await snapshotOf('inside-end');
      return `${version}, ping: ${answer.text}`;
    });
  },
];

const wouldNotStart = "the new version would not start with this run's plugins: ";

const sharedLoads = [
  async () => {
    await scenario('shared_first_load_runs_1_0_0', async () => {
      const version = await expectVersion('1.0.0');
      await snapshotOf('shared-start');
      return `${version}, ping: ${await expectPingRefused()}`;
    });
    // Its capability needs ping, which its own ./plugins carries but the shared folder lacks.
    await scenario('update_needing_unloaded_plugin_refused', async () => {
      const error = await installFrom('sharedping', wouldNotStart);
      expect(error.includes("unknown plugin 'ping'"), `the host's reason, got ${error}`);
      expect(error.includes(': capabilities/ping.json:') && !error.includes('.app.update-'),
        `the release's file named inside it, not where the app lives, got ${error}`);
      return error;
    });
    // Its app.library names a file it does not carry: `warden run` would stop at load.
    await scenario('update_missing_its_app_library_refused', async () => {
      const error = await installFrom('sharednolib', wouldNotStart + 'the app library was refused: missing.app.so: ');
      await snapshotOf('shared-refusal');
      return error;
    });
  },
  async () => {
    await scenario('shared_later_run_starts_1_0_0', () => expectVersion('1.0.0'));
    await scenario('update_carrying_plugins_installed', () => installFrom('shared'));
    return results.update_carrying_plugins_installed.ok;
  },
  async () => {
    await scenario('relaunched_1_1_0_loads_shared_folder', async () => {
      const version = await expectVersion('1.1.0');
      await snapshotOf('shared-end');
      return `${version}, ping: ${await expectPingRefused()}`;
    });
  },
];

// Saves this load's results and relaunches; the next load goes on.
async function relaunchWith(state, earlier) {
  await state.set('results', { ...earlier, ...results });
  await state.save();
  try {
    await relaunch();
    document.title = 'RELAUNCHING';
  } catch (e) {
    results.relaunch = { ok: false, detail: String(e) };
    Object.assign(results, earlier);
    await pageDriver('updater-server').sendReport('main');
  }
}

// Each mode's loads in order; a load answering false ends the run there (its update failed).
const loadsOf = {
  update: [firstLoad, async () => { await secondLoad(); return results.update_found.ok; }, thirdLoad],
  inside: insideLoads,
  shared: sharedLoads,
};

async function mainWindow() {
  const state = await load('state.json', { autoSave: false });
  const loads = ((await state.get('loads')) ?? 0) + 1;
  const earlier = (await state.get('results')) ?? {};
  await state.set('loads', loads);
  const steps = loadsOf[mode()];
  const goOn = await steps[Math.min(loads, steps.length) - 1]();
  if (loads < steps.length && goOn !== false) return relaunchWith(state, earlier);
  Object.assign(results, earlier);
  if (loads >= steps.length) {
    const name = steps.length === 3 ? 'three_loads' : 'two_loads';
    await scenario(name, async () => {
      expect(loads === steps.length, `${steps.length} loads, got ${loads}`);
      return loads;
    });
  }
  await pageDriver('updater-server').sendReport('main');
}

async function main() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  if (label === 'denied') {
    await deniedWindow();
    return mode() === 'insecure' ? report() : pageDriver('updater-server').sendReport('denied');
  }
  if (mode() === 'insecure') {
    await insecureRun();
    return report();
  }
  await mainWindow();
}

main().catch(reportBroken);
