// The notification e2e (tests/e2e/notification): @tauri-apps/plugin-notification and the Web
// Notification API in the real WebView, checked as the notification server saw them: Debian's
// dunst on the run's own session bus, read back with dunstctl (notify_driver.py).
//
// One bundle, two pages: "main" (Tauri's default notification set) sends, checks what dunst
// holds, picks an action as a user would and floods; "second" (may ask and listen, may not
// notify) checks the refusals and that an action on main's notification never reaches it. Each
// page sends its report to the driver (POST /report), which writes page-results.txt.
import {
  isPermissionGranted, requestPermission, sendNotification, registerActionTypes, onAction, pending,
} from '@tauri-apps/plugin-notification';
import { invoke } from '@tauri-apps/api/core';
import { scenarioWithin, expect, rejects, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(80, 300);

// Every scenario ends: one whose call or event never comes fails after 20 s.
const scenario = (name, body) => scenarioWithin(20000, name, body);

const DRIVER = pageDriver('notify-driver');
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const APP_NAME = 'Warden E2E notification';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const driver = (path, params) => DRIVER.call(path, params);

async function until(cond, what, ms = 5000) {
  const t0 = performance.now();
  let last;
  for (;;) {
    last = await cond();
    if (last) return last;
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(last)}`.slice(0, 280));
    await sleep(50);
  }
}

// The notifications dunst holds with this summary (everything shown is moved to history first).
async function held(summary) {
  const { notifications } = await driver('/history');
  return notifications.filter((n) => n.summary === summary);
}

const message = (e) => (e && e.message ? e.message : String(e));

// ---------------------------------------------------------------------------------------------
// main

async function mainPage() {
  await scenario('permission_as_package', async () => {
    expect(window.Notification.permission === 'default', 'Notification.permission "default" before asking, got ' + window.Notification.permission);
    expect((await isPermissionGranted()) === true, 'isPermissionGranted() true');
    const answer = await requestPermission();
    expect(answer === 'granted', 'requestPermission() "granted", got ' + answer);
    expect(window.Notification.permission === 'granted', 'Notification.permission "granted" after asking');
    return 'granted';
  });

  await scenario('send_notification_package', async () => {
    sendNotification({ title: 'package title', body: 'package body' });
    sendNotification('package title only');
    const [withBody] = await until(() => held('package title'), 'dunst to hold "package title"');
    expect(withBody.body === 'package body', 'body "package body", got ' + JSON.stringify(withBody.body));
    expect(withBody.appname === APP_NAME, 'appname the productName, got ' + JSON.stringify(withBody.appname));
    const [titleOnly] = await until(() => held('package title only'), 'dunst to hold "package title only"');
    expect(titleOnly.body === '', 'no body, got ' + JSON.stringify(titleOnly.body));
    return 'both held';
  });

  await scenario('web_notification_shown', async () => {
    const shown = await new Promise((resolve, reject) => {
      const n = new Notification('web title', { body: 'web body' });
      n.onshow = () => resolve(n);
      n.onerror = () => reject(new Error('the error event fired'));
    });
    expect(shown.title === 'web title' && shown.body === 'web body', 'title and body on the object');
    const [n] = await until(() => held('web title'), 'dunst to hold "web title"');
    expect(n.body === 'web body', 'body "web body", got ' + JSON.stringify(n.body));
    return 'show event, held';
  });

  await scenario('body_markup_escaped', async () => {
    const body = '<b>bold</b> & <a href="https://example.invalid/">link</a> <img src="file:///etc/passwd">';
    await invoke('plugin:notification|notify', { options: { title: 'markup', body } });
    const [n] = await until(() => held('markup'), 'dunst to hold "markup"');
    const escaped = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(n.body === escaped, 'the body escaped as text, got ' + JSON.stringify(n.body));
    return 'escaped';
  });

  await scenario('title_body_bounds', async () => {
    const longTitle = message(await rejects(invoke('plugin:notification|notify', { options: { title: 'x'.repeat(257) } })));
    expect(/at most 256/.test(longTitle), 'a 257-byte title refused naming 256, got ' + longTitle);
    const longBody = message(await rejects(invoke('plugin:notification|notify', { options: { title: 'long body', body: 'y'.repeat(4097) } })));
    expect(/at most 4096/.test(longBody), 'a 4097-byte body refused naming 4096, got ' + longBody);
    await invoke('plugin:notification|notify', { options: { title: 'z'.repeat(256), body: 'w'.repeat(4096) } });
    expect((await held('long body')).length === 0, 'the refused one never reached dunst');
    return 'bounded';
  });

  await scenario('icon_app_folder', async () => {
    // Relative to the app folder, as the host reads an app's files.
    await invoke('plugin:notification|notify', { options: { title: 'icon from app', icon: 'frontend/icon.png' } });
    const [n] = await until(() => held('icon from app'), 'dunst to hold "icon from app"');
    expect(n.icon_path.endsWith('/app/frontend/icon.png'), 'the app\'s icon file, got ' + JSON.stringify(n.icon_path));
    await invoke('plugin:notification|notify', { options: { title: 'icon by name', icon: 'dialog-information' } });
    await until(() => held('icon by name'), 'dunst to hold "icon by name"');
    return 'shown';
  });

  await scenario('icon_outside_refused', async () => {
    const tries = ['/etc/hostname', '../outside.png', 'frontend/../../outside.png', 'file:///etc/passwd',
                   '/proc/self/environ', 'file:///etc/%70asswd'];
    const answers = [];
    for (const icon of tries) {
      const e = message(await rejects(invoke('plugin:notification|notify', { options: { title: 'icon refused', icon } })));
      answers.push(e);
      expect(/refused by scope|outside the app folder/.test(e), `icon ${icon} refused by scope, got ${e}`);
    }
    expect((await held('icon refused')).length === 0, 'no refused notification reached dunst');
    return answers.length + ' refused';
  });

  await scenario('action_reaches_page', async () => {
    await registerActionTypes([{ id: 'reply', actions: [{ id: 'open-it', title: 'Open it' }] }]);
    // A page's 17th listener drops its oldest (a reloaded document's are never unregistered): the
    // one registered last must still be there.
    for (let i = 0; i < 16; i++) await onAction(() => {});
    const picked = new Promise((resolve) => {
      onAction((payload) => resolve(payload));
    });
    await driver('/close-all');
    sendNotification({ title: 'with action', body: 'pick me', actionTypeId: 'reply' });
    await until(async () => (await driver('/displayed')).displayed === 1, 'dunst to show the notification');
    await driver('/action');
    const payload = await picked;
    expect(payload.actionId === 'open-it', 'actionId "open-it", got ' + JSON.stringify(payload));
    expect(payload.notification && payload.notification.title === 'with action', 'the notification sent, got ' + JSON.stringify(payload));
    await driver('/flag', { name: 'main_action_done', set: '1' });
    return payload.actionId;
  });

  await scenario('action_type_unknown_refused', async () => {
    const e = message(await rejects(invoke('plugin:notification|notify', { options: { title: 'no type', actionTypeId: 'nope' } })));
    expect(/registered no action type 'nope'/.test(e), 'an unknown action type refused, got ' + e);
    return 'refused';
  });

  await scenario('mobile_only_refused', async () => {
    const e = message(await rejects(pending()));
    expect(/only available on Android and iOS/.test(e), 'pending() refused as mobile only, got ' + e);
    return 'refused';
  });

  // Last: it spends the window's allowance.
  await scenario('rate_limit', async () => {
    await sleep(1000);
    const sends = [];
    for (let i = 0; i < 25; i++) sends.push(invoke('plugin:notification|notify', { options: { title: 'flood ' + i } }).then(() => null, message));
    const errors = (await Promise.all(sends)).filter((e) => e !== null);
    const shown = 25 - errors.length;
    expect(errors.length > 0, 'some of 25 at once refused');
    expect(errors.every((e) => /too many notifications/.test(e)), 'each refusal says "too many notifications", got ' + errors[0]);
    expect(shown <= 12, 'at most the burst (10, and what refilled) shown, got ' + shown);
    const flood = (await driver('/history')).notifications.filter((n) => n.summary.startsWith('flood '));
    expect(flood.length === shown, `dunst holds exactly the ${shown} taken, got ${flood.length}`);
    return `${shown} shown, ${errors.length} refused`;
  });
}

// ---------------------------------------------------------------------------------------------
// second: may ask and listen, may not notify.

async function secondPage() {
  let heard = null;
  // Before main's action: the listener of another page for the same action type id.
  await registerActionTypes([{ id: 'reply', actions: [{ id: 'open-it', title: 'Open it' }] }]);
  await onAction((payload) => { heard = payload; });

  await scenario('permission_denied_as_package', async () => {
    expect((await isPermissionGranted()) === false, 'isPermissionGranted() false without notify');
    const answer = await requestPermission();
    expect(answer === 'denied', 'requestPermission() "denied", got ' + answer);
    expect(window.Notification.permission === 'denied', 'Notification.permission "denied"');
    return 'denied';
  });

  await scenario('notify_refused', async () => {
    const e = message(await rejects(invoke('plugin:notification|notify', { options: { title: 'second title' } })));
    expect(/not allowed/.test(e), 'notify "not allowed", got ' + e);
    await new Promise((resolve, reject) => {
      const n = new Notification('second web title');
      n.onerror = resolve;
      n.onshow = () => reject(new Error('the show event fired'));
    });
    sendNotification({ title: 'second package title' });
    await sleep(500);
    const { notifications } = await driver('/history');
    const leaked = notifications.filter((n) => n.summary.startsWith('second'));
    expect(leaked.length === 0, 'nothing of second in dunst, got ' + JSON.stringify(leaked));
    return 'refused';
  });

  await scenario('other_page_action_not_received', async () => {
    await until(async () => (await driver('/flag', { name: 'main_action_done' })).set, "main's action", 18000);
    await sleep(1000);
    expect(heard === null, 'no action of main heard here, got ' + JSON.stringify(heard));
    return 'not heard';
  });
}

DRIVER.runPage(label, label === 'main' ? mainPage : secondPage);
