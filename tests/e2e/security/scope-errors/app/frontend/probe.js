// Each probe makes a call that a plugin's scope refuses and reports the error text it got; the
// checks (check_scope_errors.py) decide what it may contain. A control call shows the grant works.
const invoke = window.__TAURI_INTERNALS__.invoke;

async function refusal(cmd, args) {
  try {
    const value = await invoke(cmd, args);
    return { refused: false, error: null, value };
  } catch (e) {
    return { refused: true, error: typeof e === 'string' ? e : String(e) };
  }
}

async function run() {
  const results = {};
  const report = (name, r) => { results[name] = { ok: true, detail: r }; };
  report('control_allowed_read', await refusal('plugin:fs|read_text_file', { path: '$HOME/allowed/note.txt'.replace('$HOME', await home()) }));
  report('shell_program_not_in_scope', await refusal('plugin:shell|execute', { program: 'nope-not-here', args: [], options: {} }));
  report('shell_argument_refused_by_validator',
    await refusal('plugin:shell|execute', { program: 'hello-secret-name', args: ['%s', 'UPPER-case-9'], options: {} }));
  report('fs_path_outside_scope', await refusal('plugin:fs|read_text_file', { path: '/etc/hostname' }));
  report('fs_path_denied', await refusal('plugin:fs|read_text_file', { path: (await home()) + '/allowed/secret/key.txt' }));
  report('store_path_escape', await refusal('plugin:store|load', { path: '../../escaped-store.json', options: {} }));
  document.title = 'DONE ' + JSON.stringify(results);
}

async function home() {
  return invoke('plugin:path|resolve_directory', { directory: 21 });
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
