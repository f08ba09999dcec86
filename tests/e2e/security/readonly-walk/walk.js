// The hostile page of the read-only walk: it runs, one after the other, the calls walk.py planned
// for its window (every command of fs and os, hostile arguments) through
// __TAURI_INTERNALS__.invoke and the unmodified @tauri-apps/plugin-fs and plugin-os, and reports
// in its title how each call ended: "DONE {set, codes, messages}" (code 0 resolved, -1 timed
// out, k > 0 rejected with messages[k - 1]). The runner judges the effects from outside.
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

(async () => {
  const label = getCurrentWindow().label;
  let report;
  try {
    const plan = await (await fetch(`plan/${label}.json`)).json();
    const results = [];
    const codes = [];
    const messages = [];
    const index = new Map();
    for (const call of plan.calls) {
      try {
        results.push(await withTimeout(run(call, results)));
        codes.push(0);
      } catch (e) {
        results.push(undefined);
        const text = String(e && e.message ? e.message : e);
        if (text === '$timeout') {
          codes.push(-1);
          continue;
        }
        const short = text.length > 160 ? text.slice(0, 157) + '...' : text;
        if (!index.has(short)) {
          messages.push(short);
          index.set(short, messages.length);
        }
        codes.push(index.get(short));
      }
      // A watch left running would only add noise to the other windows' runs.
      const last = results[results.length - 1];
      if (typeof last === 'function') await Promise.resolve(last()).catch(() => {});
    }
    report = { set: plan.set, codes, messages };
  } catch (e) {
    report = { error: String(e && e.message ? e.message : e) };
  }
  document.title = 'DONE ' + JSON.stringify(report);
})();
