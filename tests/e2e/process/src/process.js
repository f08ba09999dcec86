// Warden end-to-end scenarios of the process plugin through the unmodified npm package
// @tauri-apps/plugin-process (pinned by tests/e2e's lockfile). Two runs (<meta name=mode>):
//   restart: each load counts itself in the store file state.json (saved to disk, the only state
//     that survives a restart). Load 1 checks the refusals of bad exit codes and restarts; loads 2
//     and 3 restart at once; load 4's restart must be refused (a restart loop), then it reports
//     every load's results in its title. The denied window reports its refusals on every load.
//   exit: main calls exit(3); the runner checks the status (run_process_e2e.sh).
import { exit, relaunch } from '@tauri-apps/plugin-process';
import { load } from '@tauri-apps/plugin-store';
import { results, scenario, expect, rejectionMessage as rejects, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(80, 120);

const mode = () => document.querySelector('meta[name=mode]').content;

async function deniedWindow() {
  await scenario('process_exit_denied', async () => {
    const error = await rejects(exit(0));
    expect(error.startsWith('not allowed'), '"not allowed", got ' + error);
    return error;
  });
  await scenario('process_restart_denied', async () => {
    const error = await rejects(relaunch());
    expect(error.startsWith('not allowed'), '"not allowed", got ' + error);
    return error;
  });
}

// An exit status is one byte: out of range, fractional or non-numeric codes are refused (the app
// keeps running, so the next scenario runs at all).
async function badExitCodes() {
  await scenario('exit_code_out_of_range_refused', async () => {
    const seen = [];
    for (const code of [256, -1, 1.5, 1e12]) {
      const error = await rejects(exit(code));
      expect(error.includes('0 to 255'), `code ${code} refused naming 0 to 255, got ${error}`);
      seen.push(code);
    }
    const text = await rejects(window.__TAURI_INTERNALS__.invoke('plugin:process|exit', { code: '3' }));
    expect(text.includes('0 to 255'), 'a string code refused, got ' + text);
    return seen.join(' ');
  });
}

async function restartChain() {
  const state = await load('state.json', { autoSave: false });
  const loads = ((await state.get('loads')) ?? 0) + 1;
  const earlier = (await state.get('results')) ?? {};
  await state.set('loads', loads);
  if (loads === 1) await badExitCodes();
  if (loads < 4) {
    results[`load_${loads}_restart_accepted`] = { ok: true, detail: 'asked' };
    await state.set('results', { ...earlier, ...results });
    await state.save();  // before the restart: the next process reads it from disk
    try {
      await relaunch();
      document.title = 'RESTARTING ' + loads;
      return false;  // the host ends this run; the next load goes on
    } catch (e) {
      results[`load_${loads}_restart_accepted`] = { ok: false, detail: String(e) };
      Object.assign(results, earlier);
      return true;
    }
  }
  Object.assign(results, earlier);
  await scenario('restart_state_from_disk', async () => {
    expect(loads === 4, '4 loads counted on disk, got ' + loads);
    expect(earlier.exit_code_out_of_range_refused, "load 1's results kept on disk");
    return 'loads ' + loads;
  });
  await scenario('restart_loop_refused', async () => {
    const error = await rejects(relaunch());
    expect(error.includes('restart'), 'a refusal naming the restart, got ' + error);
    return error;
  });
  await state.set('results', results);
  await state.save();
  return true;
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label + ' ' + mode() };
  if (label === 'denied') {
    await deniedWindow();
  } else if (mode() === 'exit') {
    document.title = 'EXITING';
    await exit(3);
    return;  // the run ends with status 3; no report
  } else if (!(await restartChain())) {
    return;
  }
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
