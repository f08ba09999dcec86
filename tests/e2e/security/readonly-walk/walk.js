// The hostile page of the read-only walk: it runs, one after the other, the calls walk.py planned
// for its window (every command of fs and os, hostile arguments) through
// __TAURI_INTERNALS__.invoke and the unmodified @tauri-apps/plugin-fs and plugin-os, and reports
// in its title which calls ran, resolved and timed out, and the commonest refusals. The runner
// judges the effects from outside.
import { invoke, Channel } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import * as fs from '@tauri-apps/plugin-fs';
import * as os from '@tauri-apps/plugin-os';

const packages = { fs, os };
const CALL_TIMEOUT_MS = 8000;

// Plan values that JSON cannot carry: bytes, channels, URLs, results of earlier calls.
function decode(value, results) {
  if (Array.isArray(value)) return value.map((v) => decode(v, results));
  if (value === null || typeof value !== 'object') return value;
  if ('$bytes' in value) return new Uint8Array(value.$bytes);
  if ('$channel' in value) return new Channel();
  if ('$url' in value) return new URL(value.$url);
  if ('$enc' in value) return encodeURIComponent(value.$enc);
  // An earlier call that did not yield a resource id still leaves a plausible one to try.
  if ('$rid' in value) return typeof results[value.$rid] === 'number' ? results[value.$rid] : 1;
  if ('$ridtext' in value) return String(typeof results[value.$ridtext] === 'number' ? results[value.$ridtext] : 1);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v, results)]));
}

function run(call, results) {
  if (call.c) {
    if (call.b) return invoke(call.c, decode(call.b, results), { headers: decode(call.h, results) });
    return invoke(call.c, decode(call.a, results));
  }
  const args = decode(call.pa, results);
  const [owner, name] = call.p.split('.');
  if (owner === 'handle') {
    const handle = results[call.on];
    if (!handle || typeof handle[name] !== 'function') return Promise.reject(new Error('no file handle from call ' + call.on));
    return handle[name](...args);
  }
  if (name === 'watchImmediate' || name === 'watch') return fs[name](args[0], () => {}, args[1]);
  return packages[owner][name](...args);
}

function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('$timeout')), CALL_TIMEOUT_MS); });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

// The host refuses a command it was not granted for this window before any argument is read:
// its other calls would only be refused again, so they are skipped (the first one always runs).
const AUTHORITY_REFUSAL = 'not allowed';

// Bit i set: call i ran / resolved / timed out. The title must stay under WebKit's limit of
// 1000 characters, so outcomes travel as bitmaps and messages only as far as they fit.
function bitmap(flags) {
  const bytes = new Uint8Array(Math.ceil(flags.length / 8));
  flags.forEach((on, i) => { if (on) bytes[i >> 3] |= 1 << (i & 7); });
  return btoa(String.fromCharCode(...bytes));
}

(async () => {
  const label = getCurrentWindow().label;
  let report;
  try {
    const plan = await (await fetch(`plan/${label}.json`)).json();
    const results = [];
    const ran = [];
    const resolved = [];
    const timedOut = [];
    const refused = new Set();
    const messages = new Map();
    for (const call of plan.calls) {
      const command = call.c || call.cmd;
      if (command && refused.has(command)) {
        results.push(undefined);
        ran.push(false); resolved.push(false); timedOut.push(false);
        continue;
      }
      ran.push(true);
      try {
        results.push(await withTimeout(run(call, results)));
        resolved.push(true); timedOut.push(false);
      } catch (e) {
        results.push(undefined);
        resolved.push(false);
        const text = String(e && e.message ? e.message : e);
        timedOut.push(text === '$timeout');
        if (command && text.startsWith(AUTHORITY_REFUSAL)) refused.add(command);
        const short = text.length > 60 ? text.slice(0, 57) + '...' : text;
        messages.set(short, (messages.get(short) || 0) + 1);
      }
      // A watch left running would only add noise to the other windows' runs.
      const last = results[results.length - 1];
      if (typeof last === 'function') await Promise.resolve(last()).catch(() => {});
    }
    report = { n: plan.calls.length, ran: bitmap(ran), ok: bitmap(resolved), timeout: bitmap(timedOut), m: {} };
    for (const [text, count] of [...messages].sort((a, b) => b[1] - a[1])) {
      report.m[text] = count;
      if (JSON.stringify(report).length > 990) {
        delete report.m[text];
        break;
      }
    }
  } catch (e) {
    report = { error: String(e && e.message ? e.message : e).slice(0, 900) };
  }
  document.title = 'DONE ' + JSON.stringify(report);
})();
