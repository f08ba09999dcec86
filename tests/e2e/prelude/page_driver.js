// A page's side of its suite's driver (page_driver.py: an HTTP server on 127.0.0.1 that setup.sh
// starts and whose address it writes into the page's <meta name="NAME" content="URL">).
//
//   const driver = pageDriver('notify-driver');  // the meta's name, also the name errors give it
//   const user = pageDriver('x-driver', 'dialog-driver');  // errors name it dialog-driver
//   const shown = await driver.call('/notifications', { app: 'x' });  // GET, the JSON answer
//   await driver.sendReport(label);  // the page's results to page-results.txt, then DONE
//   driver.runPage(label, async () => { ...scenarios... });  // metadata, scenarios, report
//
// A report goes to the driver because a page's many scenarios do not fit in a title, which WebKit
// cuts at about 1000 characters; the title then only ends the run (warden run --exit-on-title).
import { results } from './scenario.js';

const errorText = (e) => (e && e.message ? e.message : String(e));

export function pageDriver(meta, name = meta) {
  const url = document.querySelector(`meta[name="${meta}"]`).content;
  const driver = {
    url,
    // GET PATH?PARAMS: the driver's JSON answer; its error (a 500's {"error"}) thrown, named.
    async call(path, params = {}) {
      const response = await fetch(url + path + '?' + new URLSearchParams(params));
      const body = await response.json();
      if (!response.ok) throw new Error(name + ' ' + path + ': ' + body.error);
      return body;
    },
    // POST /report?window=LABEL with every result so far, then the title that ends the page.
    async sendReport(label) {
      const response = await fetch(url + '/report?' + new URLSearchParams({ window: label }),
        { method: 'POST', body: JSON.stringify(results) });
      if (!response.ok) throw new Error(name + ' /report: ' + response.status);
      document.title = 'DONE ' + JSON.stringify({ report: { ok: true, detail: Object.keys(results).length + ' keys' } });
    },
    // A page's whole run: LABEL as its "metadata" result, BODY's scenarios (a throw outside any
    // scenario recorded as "runner", so the checks fail naming it), then sendReport(LABEL); a
    // report that cannot be sent ends the page with only that failure, under "report".
    async runPage(label, body) {
      results.metadata = { ok: true, detail: label };
      try {
        await body();
      } catch (e) {
        results.runner = { ok: false, detail: errorText(e) };
      }
      try {
        await driver.sendReport(label);
      } catch (e) {
        document.title = 'DONE ' + JSON.stringify({ report: { ok: false, detail: errorText(e) } });
      }
    },
  };
  return driver;
}
