// The single-instance e2e (tests/e2e/single-instance): what the instance probe plugin heard through
// warden.single-instance/1, by the app arguments this run was started with (instance_runs.sh):
// - first, "second arg": its own arguments; later runs' arguments ["a", "b"] from LATER_CWD (the
//   run that must exit 0 and bring this window to the front), then ["done"] (the script's signal
//   that it has looked at the window), after which the page reports;
// - restart-me: restarts the app once (the probe's restart); the re-executed run must be the
//   instance again and hear ["after-restart"];
// - plain-one / plain-two: the app without singleInstance, started twice: each run has its own
//   arguments and subscribing is refused.
import { invoke } from '@tauri-apps/api/core';
import { expect, report, scenario } from '../prelude/scenario.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const state = () => invoke('plugin:instance-probe|state');
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// The later run whose arguments are `args`, polled for up to `ms`.
async function laterRun(args, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const s = await state();
    const found = s.later.find((l) => same(l.arguments, args));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no later run with ${JSON.stringify(args)} within ${ms / 1000} s; heard ${JSON.stringify(s.later)}`);
    await sleep(100);
  }
}

async function first(s) {
  await scenario('own_arguments', async () => {
    expect(same(s.own, ['first', 'second arg']), `own arguments ["first","second arg"], got ${JSON.stringify(s.own)}`);
  });
  await scenario('subscribed', async () => expect(s.subscribed, 'the subscription to be accepted'));
  await scenario('later_run_heard', async () => {
    const later = await laterRun(['a', 'b'], 90000);
    expect(later.cwd === LATER_CWD, `cwd ${LATER_CWD}, got ${later.cwd}`);
    return later;
  });
  await laterRun(['done'], 90000).catch(() => {});
}

async function restarted(s) {
  if (!s.restarted) {
    await invoke('plugin:instance-probe|restart');
    return false;  // this page goes with the process
  }
  await scenario('restarted_run_is_the_instance', async () => {
    expect(same(s.own, ['restart-me']), `own arguments ["restart-me"], got ${JSON.stringify(s.own)}`);
    expect(s.subscribed, 'the re-executed run to accept subscriptions (it is the instance)');
  });
  await scenario('later_run_heard_after_restart', async () => laterRun(['after-restart'], 90000));
  return true;
}

async function plain(s) {
  await scenario('not_single_instance', async () => {
    expect(same(s.own, ['plain-one']) || same(s.own, ['plain-two']), `own arguments plain-one or plain-two, got ${JSON.stringify(s.own)}`);
    expect(!s.subscribed, 'subscribe to be refused (app.singleInstance is off)');
    return s.own[0];
  });
}

(async () => {
  const s = await state();
  const mode = s.own && s.own[0];
  if (mode === 'first') await first(s);
  else if (mode === 'restart-me') {
    if (!(await restarted(s))) return;
  } else await plain(s);
  report();
})();
