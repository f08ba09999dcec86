// Warden end-to-end scenarios of the opener plugin through the unmodified
// @tauri-apps/plugin-opener (pinned by the lockfile). "main" has Tauri's default set and the path
// and URL entries of capabilities/main.json; each scenario asks opener_driver.py what the desktop
// handlers (real .desktop files of the run's XDG folders) and the FileManager1 service of the
// run's bus received, so an allowed call is seen arriving and a refused one is seen not arriving.
// "denied" has no opener permission. Both send their results to the driver (POST /report).
import { openPath, openUrl, revealItemInDir } from '@tauri-apps/plugin-opener';
import { appLogDir } from '@tauri-apps/api/path';
import { expect, rejects, results, scenario, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(60, 240);

// esbuild --define: OPENER_WORK (the run's folder).
const WORK = OPENER_WORK;
const DRIVER = pageDriver('opener-driver');
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;

const driver = (path, params) => DRIVER.call(path, params);

// The launches of HANDLER ('handler' is the default one, 'other' the one named with `with`)
// whose arguments contain TOKEN, waiting up to WAIT ms for a first one.
const handled = async (handler, token, wait) => (await driver('/handled', { handler, token, wait })).lines;
const shown = async (token, wait) => (await driver('/shown', { token, wait })).calls;

// Arrives: HANDLER received exactly EXPECTED (its one argument), and the other handler nothing.
async function arrives(handler, token, expected) {
  const lines = await handled(handler, token, 5000);
  expect(lines.length === 1 && lines[0] === expected, `${handler} to receive ${expected}, got ${JSON.stringify(lines)}`);
  const elsewhere = await handled(handler === 'handler' ? 'other' : 'handler', token, 0);
  expect(elsewhere.length === 0, 'no other handler to receive it, got ' + JSON.stringify(elsewhere));
  return lines[0];
}

// Never arrives: neither handler received anything with TOKEN (after a wait long enough for a
// launch that did happen to show: the allowed scenarios see theirs well within it).
async function neverArrives(token) {
  for (const handler of ['handler', 'other']) {
    const lines = await handled(handler, token, handler === 'handler' ? 1500 : 0);
    expect(lines.length === 0, `nothing with ${token} to reach ${handler}, got ${JSON.stringify(lines)}`);
  }
}

// Release builds give the page only "refused by scope" (the detail goes to the audit log).
async function refusedByScope(promise) {
  const error = String(await rejects(promise));
  expect(error.startsWith('refused by scope'), 'a scope refusal, got ' + JSON.stringify(error));
  return error;
}

const fileUri = (path) => 'file://' + path.split('/').map(encodeURIComponent).join('/');

async function mainPage() {
  await scenario('open_url_reaches_handler', async () => {
    const url = 'https://allowed.example/page?token=url-allowed';
    await openUrl(url);
    return arrives('handler', 'url-allowed', url);
  });

  await scenario('open_url_outside_scope_refused', async () => {
    for (const url of ['ftp://files.example/url-outside', 'file:///etc/passwd?url-outside',
      'javascript:alert("url-outside")', 'data:text/html,url-outside', 'HTTPS://upper.example/url-outside']) {
      await refusedByScope(openUrl(url));
    }
    await neverArrives('url-outside');
    return 'refused';
  });

  await scenario('open_url_deny_entry_refused', async () => {
    await refusedByScope(openUrl('https://blocked.example/url-denied'));
    // A deny entry refuses whatever `with` names (Tauri's applies only to its own "app").
    await refusedByScope(openUrl('https://blocked.example/url-denied', 'warden-e2e-other'));
    await neverArrives('url-denied');
    return 'refused';
  });

  await scenario('open_url_bad_url_refused', async () => {
    // A blank inside is refused as an argument before any scope is asked.
    const error = String(await rejects(openUrl('https://allowed.example/a b?url-bad')));
    expect(/blank or control/.test(error), 'the blank named, got ' + JSON.stringify(error));
    await neverArrives('url-bad');
    return 'refused';
  });

  await scenario('open_url_file_named_entry', async () => {
    // file: URLs only through an entry naming file: (WORK/docs/*), judged on where they lead.
    await openUrl('file://' + WORK + '/docs/url-note.txt');
    const got = await arrives('handler', 'url-note.txt', WORK + '/docs/url-note.txt');
    await refusedByScope(openUrl('file://' + WORK + '/docs/escape.txt'));
    await refusedByScope(openUrl('file://' + WORK + '/docs/../outside/secret.txt'));
    await refusedByScope(openUrl('file://' + WORK + '/docs/run.sh'));
    await neverArrives('secret.txt');
    await neverArrives('run.sh');
    return got.slice(-12);
  });

  await scenario('mailto_attach_refused', async () => {
    for (const url of [
      'mailto:a@example.com?attach=/etc/passwd&subject=mail-attach',
      'mailto:a@example.com?subject=mail-attach&ATTACHMENT=/etc/passwd',
      'mailto:a@example.com?subject=mail-attach&%61ttach=/etc/passwd',
      'mailto:a@example.com?subject=mail-attach&%2561ttach=%252Fetc%252Fpasswd',
      'MAILTO:a@example.com?subject=mail-attach;x-attach=/etc/passwd',
      'mailto:a@example.com%3Fattach%3D/etc/passwd&subject=mail-attach',
    ]) {
      await refusedByScope(openUrl(url));
    }
    await neverArrives('mail-attach');
    return 'refused';
  });

  await scenario('mailto_plain_opened', async () => {
    const url = 'mailto:someone@example.com?subject=mail-plain&body=hello';
    await openUrl(url);
    return arrives('handler', 'mail-plain', url);
  });

  await scenario('open_url_with_refused_by_default_entries', async () => {
    // The default entries allow the default application only.
    await refusedByScope(openUrl('https://allowed.example/url-with-refused', 'warden-e2e-other'));
    await refusedByScope(openUrl('https://allowed.example/url-with-refused', 'sh'));
    await neverArrives('url-with-refused');
    return 'refused';
  });

  await scenario('open_url_with_allowed', async () => {
    const url = 'https://with.example/url-with-allowed';
    await openUrl(url, 'warden-e2e-other');
    return arrives('other', 'url-with-allowed', url);
  });

  await scenario('open_path_reaches_handler', async () => {
    await openPath(WORK + '/docs/note.txt');
    // GIO hands a local file to an Exec line's %u as its path.
    return arrives('handler', 'docs/note.txt', WORK + '/docs/note.txt');
  });

  await scenario('open_path_outside_refused', async () => {
    await refusedByScope(openPath(WORK + '/outside/secret.txt'));
    await refusedByScope(openPath(WORK + '/docs/../outside/secret.txt'));
    const error = String(await rejects(openPath('docs/note.txt')));
    expect(/absolute/.test(error), 'a relative path refused as such, got ' + JSON.stringify(error));
    await neverArrives('secret.txt');
    return 'refused';
  });

  await scenario('open_path_symlink_escape_refused', async () => {
    // docs/escape.txt is inside the scope as written, but leads to outside/secret.txt.
    await refusedByScope(openPath(WORK + '/docs/escape.txt'));
    await neverArrives('secret.txt');
    await neverArrives('escape.txt');
    return 'refused';
  });

  await scenario('deny_path_entry_refused', async () => {
    // docs/private/** is denied for open_path and reveal, although docs/** allows it.
    await refusedByScope(openPath(WORK + '/docs/private/hidden.txt'));
    await refusedByScope(revealItemInDir(WORK + '/docs/private/hidden.txt'));
    await refusedByScope(revealItemInDir([WORK + '/docs/other/second.txt', WORK + '/docs/private/hidden.txt']));
    await neverArrives('hidden.txt');
    const calls = await shown('docs/private', 1000);
    expect(calls.length === 0, 'no ShowItems, got ' + JSON.stringify(calls));
    return 'refused';
  });

  await scenario('open_path_private_folder_refused', async () => {
    // The capability lists $APPLOG/**, but the host's log folder is private whatever a scope says.
    await refusedByScope(openPath((await appLogDir()) + '/warden.log'));
    return 'refused';
  });

  await scenario('open_path_launchers_refused', async () => {
    await refusedByScope(openPath(WORK + '/docs/run.sh'));
    await refusedByScope(openPath(WORK + '/docs/launcher.desktop'));
    await neverArrives('run.sh');
    await neverArrives('launcher.desktop');
    const ran = await driver('/exists', { name: 'ran-executable.txt' });
    const launched = await driver('/exists', { name: 'ran-launcher.txt' });
    expect(!ran.exists && !launched.exists, 'nothing run, got ' + JSON.stringify({ ran, launched }));
    return 'refused';
  });

  await scenario('open_path_executables_entry_passes_scope', async () => {
    // docs/tools/** says "executables": true: the scope lets it through (whether the desktop has
    // a handler for scripts is the desktop's business: this run's has none).
    const outcome = await openPath(WORK + '/docs/tools/allowed.sh').then(() => 'opened', (e) => String(e));
    expect(!outcome.startsWith('refused by scope'), 'no scope refusal, got ' + JSON.stringify(outcome));
    return outcome.slice(0, 40);
  });

  await scenario('open_path_with_refused', async () => {
    // note.txt's entry (docs/**) allows the default application only.
    await refusedByScope(openPath(WORK + '/docs/note.txt', 'warden-e2e-other'));
    await refusedByScope(openPath(WORK + '/docs/note.txt', 'sh'));
    const lines = await handled('other', 'docs/note.txt', 1000);
    expect(lines.length === 0, 'nothing to reach other, got ' + JSON.stringify(lines));
    return 'refused';
  });

  await scenario('open_path_with_allowed', async () => {
    await openPath(WORK + '/docs/other/second.txt', 'warden-e2e-other');
    return arrives('other', 'other/second.txt', WORK + '/docs/other/second.txt');
  });

  await scenario('reveal_reaches_file_manager', async () => {
    await revealItemInDir(WORK + '/docs/note.txt');
    const one = await shown('docs/note.txt', 5000);
    expect(one.length === 1 && one[0].method === 'ShowItems' &&
      JSON.stringify(one[0].uris) === JSON.stringify([fileUri(WORK + '/docs/note.txt')]),
    'one ShowItems of note.txt, got ' + JSON.stringify(one));
    await revealItemInDir([WORK + '/docs/other/second.txt', WORK + '/docs/tools']);
    const two = await shown('docs/other/second.txt', 5000);
    expect(two.length === 1 &&
      JSON.stringify(two[0].uris) === JSON.stringify([fileUri(WORK + '/docs/other/second.txt'), fileUri(WORK + '/docs/tools')]),
    'one ShowItems of both, got ' + JSON.stringify(two));
    return 'shown';
  });

  await scenario('reveal_canonical_uri', async () => {
    // The symlink is revealed where it leads (the canonical path), as Tauri canonicalizes.
    await revealItemInDir(WORK + '/docs/../docs/escape.txt');
    const calls = await shown('secret.txt', 5000);
    expect(calls.length === 1 && calls[0].uris[0] === fileUri(WORK + '/outside/secret.txt'),
      'the canonical URI, got ' + JSON.stringify(calls));
    return 'shown';
  });

  await scenario('reveal_private_folder_refused', async () => {
    await refusedByScope(revealItemInDir((await appLogDir()) + '/reveal-private.log'));
    const calls = await shown('reveal-private', 1000);
    expect(calls.length === 0, 'no ShowItems, got ' + JSON.stringify(calls));
    return 'refused';
  });

  await scenario('reveal_missing_item_fails', async () => {
    const error = String(await rejects(revealItemInDir(WORK + '/docs/missing.txt')));
    expect(/does not exist/.test(error), 'a missing item named as such, got ' + JSON.stringify(error));
    return 'failed';
  });

  // Last: it ends the run's file manager.
  await scenario('reveal_without_file_manager_opens_folder', async () => {
    await driver('/file-manager-stop');
    await revealItemInDir(WORK + '/docs/other/second.txt');
    const folder = WORK + '/docs/other';
    const lines = (await handled('handler', folder, 5000)).filter((l) => l === folder);
    expect(lines.length === 1, 'the folder opened in the default application for folders, got ' + JSON.stringify(lines));
    return 'folder';
  });
}

async function deniedPage() {
  const notAllowed = async (promise) => {
    const error = String(await rejects(promise));
    expect(/not allowed/i.test(error), '"not allowed", got ' + JSON.stringify(error));
    return error;
  };
  await scenario('open_url_denied', async () => {
    await notAllowed(openUrl('https://allowed.example/denied-window'));
    await neverArrives('denied-window');
    return 'denied';
  });
  await scenario('open_path_denied', async () => {
    await notAllowed(openPath(WORK + '/docs/denied-window.txt'));
    return 'denied';
  });
  await scenario('reveal_denied', async () => {
    await notAllowed(revealItemInDir(WORK + '/docs/denied-reveal.txt'));
    const calls = await shown('denied-reveal', 1000);
    expect(calls.length === 0, 'no ShowItems, got ' + JSON.stringify(calls));
    return 'denied';
  });
}

const sendReport = () => DRIVER.sendReport(label);

results.metadata = { ok: true, detail: label };
(label === 'main' ? mainPage : deniedPage)().then(sendReport).catch((e) => {
  results.runner = { ok: false, detail: String(e && e.message ? e.message : e) };
  sendReport().catch(() => { document.title = 'DONE ' + JSON.stringify({ runner: results.runner }); });
});
