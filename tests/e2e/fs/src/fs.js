// Warden end-to-end scenarios of the fs plugin through the unmodified @tauri-apps/plugin-fs
// 2.6.0. The runner made $HOME/granted (in main's scope, private/ denied), $HOME/outside, and
// links from granted/ to outside. Each window reports {scenario: {ok, detail}} in its title as
// "DONE <json>"; check_results.py asserts one scenario per ctest.
import {
  BaseDirectory, copyFile, create, exists, lstat, mkdir, open, readDir, readFile, readTextFile,
  readTextFileLines, remove, rename, SeekMode, size, stat, truncate, watch, watchImmediate, writeFile, writeTextFile,
} from '@tauri-apps/plugin-fs';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(24, 48);

// What a refusal by scope says to the page: only this in release builds (the detail, with host
// paths, goes to the audit log), this and the detail in debug builds.
const REFUSED = 'refused by scope';
const HOME = document.querySelector('meta[name=home]').content;
const G = HOME + '/granted';

// The title carries every result and has a bounded length: short details, none on success
// except where the value itself is the point.
// The rejection of `promise`, which must reject with a message containing `part`.
async function rejectsWith(promise, part) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    const message = String(e && e.message ? e.message : e);
    expect(message.includes(part), `an error with "${part}", got "${message}"`);
    return undefined;
  }
  throw new Error('resolved with ' + JSON.stringify(value));
}

function streamOf(text) {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, 3));
      controller.enqueue(bytes.slice(3));
      controller.close();
    },
  });
}

function nextEvent(events, predicate) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const hit = events.find(predicate);
      if (hit) return resolve(hit);
      // A bound so that a missing event fails the scenario instead of hanging the window.
      if (Date.now() - started > 20000) return reject(new Error('no event: ' + JSON.stringify(events)));
      setTimeout(poll, 50);
    };
    poll();
  });
}

async function mainWindow() {
  await scenario('read_text_file', async () => {
    const text = await readTextFile(G + '/hello.txt');
    expect(text === 'hello from the runner\n', 'the runner\'s text, got ' + JSON.stringify(text));
    return undefined;
  });
  await scenario('read_with_base_dir', async () => {
    const text = await readTextFile('granted/hello.txt', { baseDir: BaseDirectory.Home });
    expect(text === 'hello from the runner\n', 'the same text through baseDir Home');
    const url = await readTextFile(new URL('file://' + G + '/hello.txt'));
    expect(url === text, 'the same text through a file URL');
  });
  await scenario('read_file_binary', async () => {
    const bytes = await readFile(G + '/bytes.bin');
    expect(bytes instanceof Uint8Array && bytes.length === 256, '256 bytes, got ' + bytes.length);
    for (let i = 0; i < 256; i++) expect(bytes[i] === i, `byte ${i}`);
    return String(bytes.length);
  });
  await scenario('read_text_file_lines', async () => {
    const lines = [];
    for await (const line of await readTextFileLines(G + '/lines.txt')) lines.push(line);
    expect(JSON.stringify(lines) === '["one","two","three"]', 'three lines, got ' + JSON.stringify(lines));
    return lines.join(",");
  });
  await scenario('read_dir', async () => {
    const entries = await readDir(G);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName['hello.txt'] && byName['hello.txt'].isFile, 'hello.txt as a file');
    expect(byName.docs && byName.docs.isDirectory, 'docs as a folder');
    expect(byName.escape && byName.escape.isSymlink && !byName.escape.isDirectory, 'escape as a link');
    return String(entries.length);
  });
  await scenario('file_handle', async () => {
    const file = await create(G + '/handle.txt');
    expect((await file.write(new TextEncoder().encode('abcdef'))) === 6, 'six bytes written');
    await file.close();
    const again = await open(G + '/handle.txt', { read: true, write: true });
    expect((await again.seek(2, SeekMode.Start)) === 2, 'seek to 2');
    const buffer = new Uint8Array(3);
    expect((await again.read(buffer)) === 3, 'three bytes read');
    expect(new TextDecoder().decode(buffer) === 'cde', 'cde');
    await again.truncate(4);
    const info = await again.stat();
    expect(info.isFile && info.size === 4 && info.mtime instanceof Date, 'fstat of 4 bytes, got ' + JSON.stringify(info));
    await again.close();
    expect((await readTextFile(G + '/handle.txt')) === 'abcd', 'abcd on disk');
  });
  await scenario('write_stream', async () => {
    await writeFile(G + '/stream.txt', streamOf('streamed through a FileHandle'));
    const text = await readTextFile(G + '/stream.txt');
    expect(text === 'streamed through a FileHandle', 'the streamed text, got ' + text);
  });
  // Bytes as the body, path and options as headers: what the package sends for these two.
  await scenario('write_bytes_and_text', async () => {
    await writeFile(G + '/written.bin', new Uint8Array([0, 1, 2, 254, 255]));
    const back = await readFile(G + '/written.bin');
    expect(back.length === 5 && back[3] === 254, 'five bytes back, got ' + Array.from(back));
    await writeTextFile(G + '/text é.txt', 'first line\n');
    await writeTextFile(G + '/text é.txt', 'second line\n', { append: true });
    const text = await readTextFile(G + '/text é.txt');
    expect(text === 'first line\nsecond line\n', 'appended text, got ' + JSON.stringify(text));
    return text.length;
  });
  await scenario('folders', async () => {
    await mkdir(G + '/made/a/b', { recursive: true });
    await copyFile(G + '/hello.txt', G + '/made/a/b/copy.txt');
    await rename(G + '/made/a/b/copy.txt', 'granted/made/a/renamed.txt', { newPathBaseDir: BaseDirectory.Home });
    expect(await exists(G + '/made/a/renamed.txt'), 'the renamed file');
    expect(!(await exists(G + '/made/a/b/copy.txt')), 'no copy left');
    await rejectsWith(remove(G + '/made'), 'not empty');
    await remove(G + '/made', { recursive: true });
    expect(!(await exists(G + '/made')), 'made/ removed');
  });
  await scenario('metadata', async () => {
    const info = await stat(G + '/hello.txt');
    expect(info.isFile && info.size === 22 && !info.readonly, 'hello.txt: a 22-byte file, got ' + JSON.stringify(info));
    const link = await lstat(G + '/inner-link');
    expect(link.isSymlink, 'inner-link as a link');
    expect((await stat(G + '/inner-link')).isFile, 'inner-link followed to a file');
    await writeFile(G + '/cut.txt', streamOf('0123456789'));
    await truncate(G + '/cut.txt', 3);
    expect((await readTextFile(G + '/cut.txt')) === '012', 'truncated to 012');
    const total = await size(G + '/docs');
    expect(total === 10, 'docs/ holds 10 bytes, got ' + total);
  });
  await scenario('watch_immediate', async () => {
    const events = [];
    const stop = await watchImmediate(G, (e) => events.push(e), { recursive: true });
    const file = await create(G + '/watched.txt');
    await file.close();
    const event = await nextEvent(events, (e) => e.paths.includes(G + '/watched.txt'));
    stop();
    expect(typeof event.type === 'object' && ('create' in event.type || 'modify' in event.type), 'a create event, got ' + JSON.stringify(event));
    return Object.keys(event.type)[0];
  });
  await scenario('watch_debounced', async () => {
    const events = [];
    const stop = await watch(G + '/docs', (e) => events.push(e), { delayMs: 300 });
    await writeFile(G + '/docs/new.md', streamOf('news'));
    const event = await nextEvent(events, (e) => e.paths.includes(G + '/docs/new.md'));
    stop();
    return Object.keys(event.type)[0];
  });

  // Denied: outside the scope, through links, by deny, by "..", and writes that must leave
  // nothing behind (the runner checks the disk afterwards).
  await scenario('denied_outside', () => rejectsWith(readTextFile(HOME + '/outside/secret'), REFUSED));
  await scenario('denied_symlink_out', async () => {
    await rejectsWith(readTextFile(G + '/secret-link'), REFUSED);
    await rejectsWith(readTextFile(G + '/escape/secret'), REFUSED);
    await rejectsWith(readDir(G + '/escape'), REFUSED);
    await rejectsWith(create(G + '/escape/planted.txt'), REFUSED);
  });
  await scenario('denied_private', async () => {
    await rejectsWith(readTextFile(G + '/private/key'), REFUSED);
    await rejectsWith(readDir(G + '/private'), REFUSED);
  });
  await scenario('denied_dotdot', () => rejectsWith(readTextFile(G + '/../outside/secret'), "'..'"));
  await scenario('denied_write_outside', async () => {
    await rejectsWith(writeFile(HOME + '/outside/new.txt', streamOf('nope')), REFUSED);
    await rejectsWith(writeFile(HOME + '/outside/new.bin', new Uint8Array([1])), REFUSED);
    await rejectsWith(writeTextFile(HOME + '/outside/new.txt', 'nope'), REFUSED);
    await rejectsWith(remove(HOME + '/outside/secret'), REFUSED);
    await rejectsWith(rename(G + '/hello.txt', HOME + '/outside/moved.txt'), REFUSED);
    await rejectsWith(copyFile(G + '/hello.txt', HOME + '/outside/copied.txt'), REFUSED);
  });
  await scenario('denied_watch_outside', () => rejectsWith(watchImmediate(HOME + '/outside', () => {}), REFUSED));
}

async function visitorWindow() {
  // fs:default only: the app's own data folder, read-only; nothing of $HOME/granted.
  await scenario('default_app_folder', async () => {
    await mkdir('', { baseDir: BaseDirectory.AppData, recursive: true });
    expect(await exists('', { baseDir: BaseDirectory.AppData }), 'the app data folder');
  });
  await scenario('default_denies_granted', () => rejectsWith(readTextFile(G + '/hello.txt'), REFUSED));
  await scenario('default_cannot_write', () => rejectsWith(create(G + '/visitor.txt'), 'not allowed'));
}

(async () => {
  const label = getCurrentWindow().label;
  if (label === 'main') await mainWindow();
  else await visitorWindow();
  document.title = 'DONE ' + JSON.stringify(results);
})();
