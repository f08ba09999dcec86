// File Explorer: browses the Documents folder through the fs plugin. No bundler: the host injects
// window.__TAURI_INTERNALS__ before this script runs. Each call below is exactly what
// @tauri-apps/plugin-fs (readDir, stat, readTextFile) and @tauri-apps/api/path (join, dirname,
// documentDir, convertFileSrc) send; with a bundler, import those functions instead.
const { invoke, convertFileSrc } = window.__TAURI_INTERNALS__;
const DOCUMENT = 6; // @tauri-apps/api/path BaseDirectory.Document

const readDir = (path) => invoke('plugin:fs|read_dir', { path });
const stat = (path) => invoke('plugin:fs|stat', { path });
const readTextFile = async (path) => new TextDecoder().decode(await invoke('plugin:fs|read_text_file', { path }));
const join = (...paths) => invoke('plugin:path|join', { paths });
const dirname = (path) => invoke('plugin:path|dirname', { path });

const $ = (id) => document.getElementById(id);
const IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;
const TEXT = /\.(txt|md|json|toml|csv|log|js|css|html|c|cpp|h|hpp|py|sh)$/i;
let root = '';
let current = '';

function formatSize(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}

function setStatus(text, denied = false) {
  $('status').textContent = text;
  $('status').className = denied ? 'denied' : '';
}

async function renderCrumbs(path) {
  const nav = $('crumbs');
  nav.textContent = '';
  const parts = path.split('/').filter(Boolean);
  let at = '';
  for (const part of parts) {
    at += '/' + part;
    const link = document.createElement('a');
    link.textContent = part;
    const target = at;
    link.onclick = () => open(target);
    nav.append(' / ', link);
  }
}

// Lists a folder; a refusal (outside the scope) is shown, never hidden.
async function open(path) {
  let entries;
  try {
    entries = await readDir(path);
  } catch (e) {
    setStatus(`${path}: ${e}`, true);
    return { denied: String(e) };
  }
  current = path;
  $('go').value = path;
  await renderCrumbs(path);
  entries.sort((a, b) => (b.isDirectory - a.isDirectory) || a.name.localeCompare(b.name));
  const body = $('entries');
  body.textContent = '';
  if (path !== root) entries.unshift({ name: '..', isDirectory: true, up: true });
  for (const entry of entries) {
    const row = document.createElement('tr');
    row.className = 'entry';
    const full = entry.up ? await dirname(path) : await join(path, entry.name);
    const kind = entry.isDirectory ? 'dir' : entry.isSymlink ? 'link' : 'file';
    const cells = [entry.name, '', ''];
    let refused = false;
    if (!entry.up) {
      try {
        const info = await stat(full);
        cells[1] = entry.isDirectory ? '' : formatSize(info.size);
        cells[2] = info.mtime ? new Date(info.mtime).toLocaleString() : '';
      } catch (e) {
        cells[2] = 'outside the granted folder';
        refused = true;
      }
    }
    for (const [i, text] of cells.entries()) {
      const td = document.createElement('td');
      if (i === 0) {
        const icon = document.createElement('span');
        icon.className = `icon ${kind}`;
        td.append(icon, text);
      } else {
        td.textContent = text;
      }
      if (i === 1) td.className = 'num';
      if (i === 2 && refused) td.className = 'refused';
      row.append(td);
    }
    row.onclick = () => (entry.isDirectory ? open(full) : preview(full, row));
    body.append(row);
  }
  setStatus(`${entries.length - (path !== root ? 1 : 0)} items`);
  return { names: entries.filter((e) => !e.up).map((e) => e.name) };
}

async function preview(path, row) {
  document.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
  if (row) row.classList.add('selected');
  const name = path.split('/').pop();
  $('preview-name').textContent = name;
  $('preview-image').hidden = true;
  $('preview-text').hidden = true;
  try {
    const info = await stat(path);
    $('preview-meta').textContent = `${formatSize(info.size)} · ${path}`;
    if (IMAGE.test(name)) {
      $('preview-image').src = convertFileSrc(path);
      $('preview-image').hidden = false;
      await $('preview-image').decode();
      return { image: $('preview-image').naturalWidth };
    }
    if (TEXT.test(name) && info.size < 256 * 1024) {
      $('preview-text').textContent = await readTextFile(path);
      $('preview-text').hidden = false;
      return { text: $('preview-text').textContent };
    }
    return { meta: info.size };
  } catch (e) {
    $('preview-meta').textContent = String(e);
    return { denied: String(e) };
  }
}

// `index.html#selftest`: drives the app as a user would and puts the outcome in the title
// (tests/e2e/file-explorer runs it under Xvfb).
async function selftest() {
  const report = { root };
  report.list = await open(root);
  report.sub = await open(await join(root, 'projects'));
  report.text = await preview(await join(root, 'notes.txt'));
  report.image = await preview(await join(root, 'photos', 'dot.svg'));
  report.outside = await open('/etc');
  report.link_out = await open(await join(root, 'etc-link'));
  report.dotdot = await open(root + '/../..');
  await open(root);
  document.title = 'DONE ' + JSON.stringify(report);
}

document.addEventListener('DOMContentLoaded', async () => {
  $('go-form').onsubmit = (e) => {
    e.preventDefault();
    open($('go').value.trim());
  };
  try {
    root = await invoke('plugin:path|resolve_directory', { directory: DOCUMENT });
  } catch (e) {
    setStatus(`cannot find the Documents folder: ${e}`, true);
    return;
  }
  $('root').textContent = root;
  if (location.hash === '#selftest') await selftest();
  else await open(root);
});
