// Warden end-to-end scenarios of the shell plugin through the unmodified @tauri-apps/plugin-shell
// (pinned by the lockfile). Each window reports {scenario: {ok, detail}} in its title as
// "DONE <json>", like ../src/plugins.js; check_results.py asserts one scenario per ctest entry.
import { Command, open } from '@tauri-apps/plugin-shell';
import { invoke } from '@tauri-apps/api/core';
import { results, scenario, expect, short, setDetailLengths } from '../prelude/scenario.js';

setDetailLengths(10, 120);

// WebKit cuts a document title at 1000 characters: successes report a few characters, failures more.
async function rejects(promise) {
  try {
    const value = await promise;
    throw new Error('resolved with ' + JSON.stringify(value));
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('resolved with')) throw e;
    return String(e);
  }
}

// Whether `error` is the shell scope's refusal: release builds give the page only the generic
// text (the detail goes to the audit log), debug builds append the detail.
function scopeRefusal(error, detail) {
  return error.startsWith('refused by scope') || error.includes(detail);
}

// Resolves once `cond()` holds, polling; rejects after `ms` so that a scenario reports instead of hanging.
// `refresh` (optional) runs before each check.
async function until(cond, what, ms = 10000, refresh = async () => {}) {
  const t0 = performance.now();
  for (;;) {
    await refresh();
    if (cond()) return;
    if (performance.now() - t0 > ms) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Whether a program matching an all-fixed pgrep scope entry runs (pgrep exits 0 when it finds one).
async function running(entry) {
  return (await Command.create(entry).execute()).code === 0;
}

async function mainWindow() {
  await scenario('child_ends_with_its_webview', async () => {
    // closer spawned `sleep 61` and closes itself once `sleep 62` (our acknowledgement) runs.
    let seen = false;
    await until(() => seen, 'the closer window\'s child', 20000, async () => { seen = await running('find-closer-child'); });
    const ack = await Command.create('ack', ['62']).spawn();
    let gone = false;
    await until(() => gone, 'the child to end after its window closed', 20000,
      async () => { gone = !(await running('find-closer-child')); });
    await ack.kill();
    return 'ended';
  });

  await scenario('execute_allowed', async () => {
    const out = await Command.create('say', ['%s\\n', 'hello from warden']).execute();
    expect(out.code === 0 && out.signal === null, 'exit code 0, got ' + JSON.stringify(out));
    expect(out.stdout === 'hello from warden\n' && out.stderr === '', 'the printed line, got ' + JSON.stringify(out));
    return out.stdout;
  });

  await scenario('execute_cwd_and_env', async () => {
    const where = await Command.create('where', [], { cwd: '/tmp' }).execute();
    expect(where.stdout === '/tmp\n', 'cwd /tmp, got ' + JSON.stringify(where.stdout));
    const greeting = await Command.create('greeting', ['GREETING'], { env: { GREETING: 'bonjour' } }).execute();
    expect(greeting.stdout === 'bonjour\n', 'GREETING from options.env, got ' + JSON.stringify(greeting.stdout));
    return where.stdout.trim() + ' ' + greeting.stdout.trim();
  });

  await scenario('spawn_streams_stdout', async () => {
    const command = Command.create('count', ['3']);
    const lines = [];
    let closed = null;
    command.stdout.on('data', (line) => lines.push(line));
    command.on('close', (payload) => { closed = payload; });
    const child = await command.spawn();
    expect(typeof child.pid === 'number' && child.pid > 0, 'a pid, got ' + child.pid);
    await until(() => closed !== null, 'the close event');
    expect(JSON.stringify(lines) === JSON.stringify(['1\n', '2\n', '3\n']), 'three line events, got ' + JSON.stringify(lines));
    expect(closed.code === 0 && closed.signal === null, 'exit code 0, got ' + JSON.stringify(closed));
    return lines.join('').replace(/\n/g, ' ');
  });

  await scenario('spawn_stdin_write_and_kill', async () => {
    const command = Command.create('cat');
    let out = '';
    let closed = null;
    command.stdout.on('data', (line) => { out += line; });
    command.on('close', (payload) => { closed = payload; });
    const child = await command.spawn();
    await child.write('ping\n');
    await until(() => out === 'ping\n', 'ping echoed, have ' + JSON.stringify(out));
    await child.write([112, 111, 110, 103, 10]);  // "pong\n" as bytes
    await until(() => out === 'ping\npong\n', 'pong echoed, have ' + JSON.stringify(out));
    expect(closed === null, 'cat still running');
    await child.kill();
    await until(() => closed !== null, 'the close event after kill');
    expect(closed.code === null && closed.signal === 9, 'killed by SIGKILL, got ' + JSON.stringify(closed));
    return JSON.stringify(closed);
  });

  await scenario('denied_program', async () => {
    const error = await rejects(Command.create('sh', ['-c', 'id']).execute());
    expect(scopeRefusal(error, "'sh' is not in the shell scope"), 'not in the scope, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('argument_refused_by_validator', async () => {
    const error = await rejects(Command.create('say', ['%s\\n', 'hi; rm -rf ~']).execute());
    expect(scopeRefusal(error, 'does not match the validator'), 'a validator refusal, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('extra_argument_refused', async () => {
    const error = await rejects(Command.create('say', ['%s\\n', 'hi', '--extra']).execute());
    expect(scopeRefusal(error, 'takes exactly 2 arguments, got 3'), 'an argument count refusal, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('scope_stays_with_its_command', async () => {
    // 'say' is granted to execute only: spawn does not see it.
    const error = await rejects(Command.create('say', ['%s\\n', 'hi']).spawn());
    expect(scopeRefusal(error, "'say' is not in the shell scope"), 'refused for spawn, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('kill_foreign_pid_refused', async () => {
    const error = await rejects(invoke('plugin:shell|kill', { cmd: 'killChild', pid: 1 }));
    expect(error.includes('no running child process with pid 1'), 'refused, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('open_allowed', async () => {
    await open('https://tauri.app/warden-e2e');
    return 'https://tauri.app/warden-e2e';
  });

  await scenario('link_click_opens', async () => {
    // The plugin's init script sends a target=_blank link's URL to plugin:shell|open.
    const link = document.createElement('a');
    link.href = 'https://tauri.app/clicked';
    link.target = '_blank';
    link.textContent = 'external';
    document.body.appendChild(link);
    link.click();
    let log = '';
    await until(() => log.includes('https://tauri.app/clicked\n'), 'the opener to record the click', 10000,
      async () => { log = (await Command.create('opened-log').execute()).stdout; });
    return 'recorded';
  });

  await scenario('open_refused_by_validator', async () => {
    const error = await rejects(open('file:///etc/passwd'));
    expect(scopeRefusal(error, 'does not match the open validator'), 'a validator refusal, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('open_with_unknown_program_refused', async () => {
    const error = await rejects(open('https://tauri.app/with-sh', 'sh'));
    expect(error.includes("'with' 'sh' is not one of"), 'refused, got ' + JSON.stringify(error));
    return error;
  });
}

async function secondWindow() {
  await scenario('link_click_without_permission', async () => {
    // The init script runs here too, but the call is refused: check_opened.py sees no record.
    const link = document.createElement('a');
    link.href = 'https://tauri.app/second-clicked';
    link.target = '_blank';
    document.body.appendChild(link);
    link.click();
    return 'clicked';
  });

  await scenario('execute_denied', async () => {
    const error = await rejects(Command.create('say', ['%s\\n', 'hi']).execute());
    expect(error.startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });

  await scenario('open_denied', async () => {
    const error = await rejects(open('https://tauri.app/from-second'));
    expect(error.startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });
}

async function closerWindow() {
  await Command.create('long-sleep', ['61']).spawn();
  let acknowledged = false;
  await until(() => acknowledged, 'main to see the child', 20000, async () => { acknowledged = await running('find-ack'); });
  await invoke('plugin:window|close');
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'main') await mainWindow();
  else if (label === 'second') await secondWindow();
  else if (label === 'closer') return closerWindow();
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
