// The e2e page prelude: every bundled test page imports its scenario helpers from here (esbuild
// bundles this file into the page's bundle.js, which the app scheme serves from the app's own
// frontendDist, so nothing is loaded from outside the app folder).
//
// A page runs `await scenario('name', async () => { ...; return detail; })` for each of its
// scenarios, then `report()`: the title becomes "DONE <json>" with {name: {ok, detail}} and
// `warden run --exit-on-title "DONE "` writes it to results.txt, where the checks read it
// (tests/e2e/e2e_results.py). Every scenario a page reports must be registered in CMake: the
// run's `scenarios_registered` check fails on one that is not, and on one that never ran.

export const results = {};

// WebKit cuts a document title at about 1000 characters: a page with many scenarios keeps each
// detail short. Successful details are usually a word; failures say more.
const lengths = { ok: 60, failed: 120 };

// setDetailLengths(ok, failed): the page's limits (Infinity keeps a successful detail whole, for
// checks that read its fields).
export function setDetailLengths(ok, failed) {
  lengths.ok = ok;
  lengths.failed = failed;
}

// The value itself when its text fits in LENGTH characters, else its text cut to LENGTH.
export function short(value, length = lengths.ok) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined || text.length <= length) return value;
  return text.slice(0, length - 3) + '...';
}

// Runs BODY and records {ok, detail}; OK_LENGTH overrides the page's limit for this scenario.
export async function scenario(name, body, okLength = lengths.ok) {
  try {
    const detail = await body();
    results[name] = { ok: true, detail: detail === undefined ? null : short(detail, okLength) };
  } catch (e) {
    results[name] = { ok: false, detail: short(e && e.message ? e.message : String(e), lengths.failed) };
  }
}

// scenario(), failing after MS milliseconds when BODY has not finished (a call or event that never
// comes), so that one hung scenario does not hold the page's report back until the run's timeout.
export async function scenarioWithin(ms, name, body, okLength = lengths.ok) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms / 1000} s (a call or event never came)`)), ms);
  });
  await scenario(name, () => Promise.race([body(), hang]).finally(() => clearTimeout(timer)), okLength);
}

export function expect(cond, what) {
  if (!cond) throw new Error('expected ' + what);
}

// The error PROMISE was rejected with; throws when it resolved.
export async function rejects(promise) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    return e;
  }
  throw new Error('resolved with ' + JSON.stringify(value));
}

// The message PROMISE was rejected with, as text (what a page compares with an expected refusal);
// throws when it resolved.
export async function rejectionMessage(promise) {
  const e = await rejects(promise);
  return String(e && e.message ? e.message : e);
}

// Ends the page's run: the title carries every scenario's result.
export function report() {
  document.title = 'DONE ' + JSON.stringify(results);
}

// Ends a run that broke outside any scenario: the report names only the break (under KEY), so
// the scenarios_registered check and every scenario's check fail.
export function reportBroken(error, key = 'runner') {
  const detail = short(error && error.message ? error.message : String(error), lengths.failed);
  document.title = 'DONE ' + JSON.stringify({ [key]: { ok: false, detail } });
}
