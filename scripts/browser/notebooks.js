#!/usr/bin/env node
// notebooks.js — drives Jupyter Notebook 6 in Debian's chromium (puppeteer-core), as a user would.
// scripts/browser/run.sh starts the servers and calls this; see scripts/browser/README.md.
//
// usage: node notebooks.js --out DIR [--xfail guidance,stderr] [--require-explorer] CASE...
//   CASE = MODE,BASEURL,TOKEN,NOTEBOOK_PATH_ON_SERVER[,LABEL]
//   MODE:
//     runall    Kernel → Restart & Run All; then: no error output, no stderr output (drawn pink),
//               every code cell executed, at least one image; screenshots; the explorer check.
//     restart   Kernel → Restart, then run the LAST code cell, then the second code cell (the
//               imports), without the set-up cell: each must either run cleanly or show exactly
//               one line of guidance (a line starting "smp-go: "), and no trace.
//     guidance  Kernel → Restart & Run All where something is missing (the notebook is outside
//               the repository, say): exactly one guidance line in the whole notebook, no trace.
//     clean     as runall, without the explorer check (e.g. the server started with a bare PATH).
//   --xfail LIST        the named kinds of check (restart, outside, nogo: the guidance checks of
//                       the cases whose labels start so; stderr: no stderr output) are expected
//                       to fail: a failure is reported XFAIL and does not fail the run; it is
//                       never counted as passed.
//   --require-explorer  a runall notebook without an element of class smp-explorer fails;
//                       without it, such a notebook is reported SKIP (not checked, not passed).
// The last line reads "N passed, N failed, N expected failures, N skipped"; the exit status is 1
// if any check failed.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const MARKER = 'smp-go: ';
// Kinds of check that --xfail can name: the case labels' first word, and stderr.
const KINDS = ['restart', 'outside', 'nogo', 'stderr'];
const kindOf = (c) => c.label.split('-')[0];
// Text that must never be shown to a user as guidance: traces and raw tool errors.
const TRACE_WORDS = ['goroutine ', 'panic:', '403 Forbidden', 'undefined: ', 'cannot stat'];
const RUN_TIMEOUT_MS = 20 * 60 * 1000;
const CELL_TIMEOUT_MS = 5 * 60 * 1000;
const PICTURE_TIMEOUT_MS = 5000;

function parseArgs(argv) {
  const o = { out: null, xfail: new Set(), requireExplorer: false, cases: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = argv[++i];
    else if (a === '--xfail') {
      for (const k of (argv[++i] || '').split(',').filter((k) => k)) {
        if (!KINDS.includes(k)) throw new Error(`--xfail: unknown kind ${k} (${KINDS.join(', ')})`);
        o.xfail.add(k);
      }
    }
    else if (a === '--require-explorer') o.requireExplorer = true;
    else if (a.startsWith('--')) throw new Error(`unknown flag ${a}`);
    else {
      const [mode, base, token, nb, label] = a.split(',');
      if (!['runall', 'restart', 'guidance', 'clean'].includes(mode) || !base || !token || !nb) {
        throw new Error(`bad case ${a}: want MODE,BASEURL,TOKEN,NOTEBOOK[,LABEL]`);
      }
      o.cases.push({ mode, base, token, nb, label: label || `${mode}-${path.basename(nb, '.ipynb')}` });
    }
  }
  if (!o.out || o.cases.length === 0) throw new Error('usage: notebooks.js --out DIR CASE...');
  return o;
}

const results = []; // {label, check, status: 'ok'|'FAIL'|'XFAIL'|'SKIP', detail}
function report(label, check, ok, detail, xfail) {
  const status = ok === 'skip' ? 'SKIP' : ok ? 'ok' : xfail ? 'XFAIL' : 'FAIL';
  results.push({ label, check, status, detail });
  const line = `${status.padEnd(5)} ${label}: ${check}${detail ? ' — ' + detail : ''}`;
  console.log(line);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(page, fn, timeout, what, ...args) {
  try {
    await page.waitForFunction(fn, { timeout, polling: 250 }, ...args);
  } catch (e) {
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
  }
}

// openNotebook loads the notebook page and waits until its kernel is connected and idle.
async function openNotebook(browser, c) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.pageErrors = [];
  page.on('pageerror', (e) => page.pageErrors.push(String(e && e.message ? e.message : e)));
  const url = `${c.base}/notebooks/${c.nb.split('/').map(encodeURIComponent).join('/')}?token=${c.token}`;
  const resp = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  if (!resp || resp.status() >= 400) throw new Error(`GET ${c.base}/notebooks/${c.nb}: HTTP ${resp ? resp.status() : 'no response'}`);
  await waitFor(page, () => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded, 60000, 'the notebook to load');
  // Never write the executed notebook back over the committed one.
  await page.evaluate(() => Jupyter.notebook.set_autosave_interval(0));
  await kernelIdle(page, 120000, 'the kernel to start');
  return page;
}

// kernelIdle waits for the kernel indicator (the circle at the top right) to show idle.
async function kernelIdle(page, timeout, what) {
  await waitFor(page, () => {
    const k = Jupyter.notebook.kernel;
    const icon = document.getElementById('kernel_indicator_icon');
    return k && k.is_connected() && icon && icon.classList.contains('kernel_idle_icon');
  }, timeout, what);
}

// menu clicks Kernel → ITEM and then the dialog's confirming (red) button.
async function kernelMenu(page, itemId) {
  await page.click('#kernellink');
  await page.waitForSelector(`#${itemId} > a`, { visible: true, timeout: 5000 });
  await page.click(`#${itemId} > a`);
  await page.waitForSelector('.modal-dialog .modal-footer .btn-danger', { visible: true, timeout: 10000 });
  await sleep(300); // the dialog fades in
  await page.click('.modal-dialog .modal-footer .btn-danger');
  await page.waitForSelector('.modal-dialog', { hidden: true, timeout: 10000 });
}

// countExecutions installs counters of executed/finished cells in the page.
async function countExecutions(page) {
  await page.evaluate(() => {
    window.__smp = { started: 0 };
    Jupyter.notebook.events.on('execute.CodeCell', () => { window.__smp.started++; });
  });
}

// waitRunFinished waits until cells were started, none is still running, and the kernel is idle
// for 2 s in a row.
async function waitRunFinished(page, timeout) {
  const t0 = Date.now();
  await waitFor(page, () => window.__smp.started > 0, 120000, 'the first cell to start');
  let quietSince = 0;
  for (;;) {
    const busy = await page.evaluate(() => {
      const running = document.querySelectorAll('.cell.running').length;
      const idle = document.getElementById('kernel_indicator_icon').classList.contains('kernel_idle_icon');
      return running > 0 || !idle;
    });
    if (!busy) {
      if (!quietSince) quietSince = Date.now();
      if (Date.now() - quietSince >= 2000) break;
    } else quietSince = 0;
    if (Date.now() - t0 > timeout) throw new Error(`run not finished after ${timeout / 1000} s`);
    await sleep(250);
  }
  return (Date.now() - t0) / 1000;
}

// cellReport returns what every code cell shows: its prompt, its outputs' types and the
// text a user sees in its output area.
async function cellReport(page) {
  return page.evaluate(() => Jupyter.notebook.get_cells().map((c, i) => {
    if (c.cell_type !== 'code') return null;
    const el = c.element[0];
    const outs = (c.output_area && c.output_area.outputs) || [];
    return {
      index: i,
      prompt: c.input_prompt_number,
      source: c.get_text().split('\n')[0].slice(0, 60),
      errors: outs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`.slice(0, 300)),
      stderr: outs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => String(o.text).slice(0, 300)),
      pink: el.querySelectorAll('.output_stderr, .output_error').length,
      images: el.querySelectorAll('.output_area img, .output_area canvas').length,
      text: (el.querySelector('.output_wrapper') || { innerText: '' }).innerText,
    };
  }).filter((x) => x));
}

function guidanceLines(text) {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith(MARKER));
}
function traceWords(text) {
  return TRACE_WORDS.filter((w) => text.includes(w));
}

// tallViewport grows the viewport to the whole notebook's height (at most 16000 px), so that
// nothing is cut off by Notebook 6's scrolling container, and returns a function to restore it.
async function tallViewport(page) {
  const h = await page.evaluate(() => {
    const c = document.getElementById('notebook-container');
    const header = document.getElementById('header');
    return (c ? c.scrollHeight : 900) + (header ? header.offsetHeight : 0) + 60;
  });
  await page.setViewport({ width: 1280, height: Math.min(Math.max(h, 900), 16000) });
  await sleep(500);
  return () => page.setViewport({ width: 1280, height: 900 });
}

// screenshotAll takes a screenshot of the whole notebook.
async function screenshotAll(page, file) {
  const restore = await tallViewport(page);
  await page.screenshot({ path: file });
  await restore();
}

// screenshotOutputs takes a screenshot of each output area that shows a picture (at most 12).
async function screenshotOutputs(page, cells, prefix) {
  const restore = await tallViewport(page);
  for (const x of cells.filter((x) => x.images > 0).slice(0, 12)) {
    const handle = await page.evaluateHandle((i) => Jupyter.notebook.get_cell(i).element[0].querySelector('.output_wrapper'), x.index);
    await handle.screenshot({ path: `${prefix}-cell${x.index}.png` });
  }
  await restore();
}

async function screenshotCell(page, index, file) {
  const restore = await tallViewport(page);
  const handle = await page.evaluateHandle((i) => Jupyter.notebook.get_cell(i).element[0], index);
  await handle.screenshot({ path: file });
  await restore();
}

// screenshotElement takes a screenshot of one element, whatever its height.
async function screenshotElement(page, handle, file) {
  const restore = await tallViewport(page);
  await handle.screenshot({ path: file });
  await restore();
}

// checkClean checks a finished Run All: every code cell executed, no error, no stderr, an image.
function checkClean(c, cells, secs, opts) {
  const notRun = cells.filter((x) => typeof x.prompt !== 'number');
  report(c.label, 'Run All finished, every code cell executed', notRun.length === 0,
    notRun.length ? `not executed: cells ${notRun.map((x) => x.index).join(', ')}` : `${secs.toFixed(0)} s`);
  const errs = cells.filter((x) => x.errors.length);
  report(c.label, 'no error output', errs.length === 0,
    errs.map((x) => `cell ${x.index}: ${x.errors[0]}`).join(' | '));
  const pink = cells.filter((x) => x.stderr.length || x.pink);
  report(c.label, 'no stderr output (no pink box)', pink.length === 0,
    pink.map((x) => `cell ${x.index}: ${(x.stderr[0] || 'pink output').trim().split('\n')[0]}`).join(' | '),
    opts.xfail.has('stderr'));
  const images = cells.reduce((n, x) => n + x.images, 0);
  report(c.label, 'at least one image', images > 0, `${images} images/canvases`);
}

// pictureSignature returns, for each smp-picture of an explorer, what it shows.
function pictureSignatures(explorer) {
  return [...explorer.querySelectorAll('canvas.smp-picture, img.smp-picture')].map((p) => {
    if (p.tagName === 'CANVAS') {
      try { return p.width + 'x' + p.height + ':' + p.toDataURL(); } catch (e) { return 'error:' + e; }
    }
    return p.currentSrc || p.src;
  });
}

// checkExplorers changes every control of every explorer to a few of its other values and checks
// that a picture of the same explorer changes within 5 s.
async function checkExplorers(page, c, out, requireExplorer) {
  const n = await page.evaluate(() => document.querySelectorAll('.smp-explorer').length);
  if (n === 0) {
    report(c.label, 'explorer: controls change pictures', requireExplorer ? false : 'skip',
      requireExplorer ? 'no element of class smp-explorer' : 'no smp-explorer in this notebook: nothing checked');
    return;
  }
  for (let e = 0; e < n; e++) {
    const ex = await page.evaluateHandle((k) => document.querySelectorAll('.smp-explorer')[k], e);
    await ex.evaluate((el) => el.scrollIntoView());
    const controls = await ex.evaluate((el) => [...el.querySelectorAll('select.smp-control, input.smp-control')].map((x, k) => ({
      k, tag: x.tagName.toLowerCase(), type: (x.type || '').toLowerCase(), name: x.name || x.id || x.getAttribute('aria-label') || `#${k}`,
    })));
    const pictures = await ex.evaluate((el) => el.querySelectorAll('canvas.smp-picture, img.smp-picture').length);
    const what = `explorer ${e + 1}/${n}`;
    if (controls.length === 0 || pictures === 0) {
      report(c.label, `${what}: has controls and pictures`, false, `${controls.length} controls, ${pictures} pictures`);
      continue;
    }
    // An explorer that decodes its data first marks its root data-ready="1" (or data-error="...").
    const state = await ex.evaluate(async (el) => {
      for (let t = 0; t < 100 && el.hasAttribute('data-ready') && el.getAttribute('data-ready') !== '1' &&
        !el.getAttribute('data-error'); t++) await new Promise((r) => setTimeout(r, 100));
      return { ready: el.getAttribute('data-ready'), error: el.getAttribute('data-error') };
    });
    if (state.error || (state.ready !== null && state.ready !== '1')) {
      report(c.label, `${what}: ready`, false, state.error ? `data-error: ${state.error}` : `data-ready="${state.ready}" after 10 s`);
      continue;
    }
    await screenshotElement(page, ex, path.join(out, `${c.label}-explorer${e + 1}-before.png`));
    for (const ctl of controls) {
      const values = await ex.evaluate((el, k) => {
        const x = el.querySelectorAll('select.smp-control, input.smp-control')[k];
        const cur = x.type === 'checkbox' || x.type === 'radio' ? String(x.checked) : x.value;
        let vals = [];
        if (x.tagName === 'SELECT') vals = [...x.options].filter((o) => !o.disabled).map((o) => o.value);
        else if (x.type === 'checkbox' || x.type === 'radio') vals = [String(!x.checked)];
        else if (x.type === 'range' || x.type === 'number') {
          const min = x.min !== '' ? +x.min : 0, max = x.max !== '' ? +x.max : min + 10;
          const step = x.step && x.step !== 'any' ? +x.step : 1;
          const mid = min + Math.round((max - min) / 2 / step) * step;
          vals = [min, max, mid].map(String);
        } else vals = [x.value + ' '];
        const other = [...new Set(vals)].filter((v) => v !== cur);
        // a few: the first, the last and one in the middle
        const pick = other.length <= 3 ? other : [other[0], other[Math.floor(other.length / 2)], other[other.length - 1]];
        return { cur, pick };
      }, ctl.k);
      if (values.pick.length === 0) {
        report(c.label, `${what}: control ${ctl.name} can be changed`, false, `${ctl.tag} has no other value than ${values.cur}`);
        continue;
      }
      for (const v of values.pick) {
        const before = await ex.evaluate(pictureSignatures);
        const t0 = Date.now();
        await ex.evaluate((el, k, v) => {
          const x = el.querySelectorAll('select.smp-control, input.smp-control')[k];
          if (x.type === 'checkbox' || x.type === 'radio') x.checked = v === 'true';
          else x.value = v;
          x.dispatchEvent(new Event('input', { bubbles: true }));
          x.dispatchEvent(new Event('change', { bubbles: true }));
        }, ctl.k, v);
        let changed = false;
        while (Date.now() - t0 < PICTURE_TIMEOUT_MS) {
          const now = await ex.evaluate(pictureSignatures);
          if (now.length !== before.length || now.some((s, i) => s !== before[i])) { changed = true; break; }
          await sleep(50);
        }
        const ms = Date.now() - t0;
        report(c.label, `${what}: ${ctl.tag} ${ctl.name} = ${v} changes a picture`, changed,
          changed ? `in ${ms} ms` : `no smp-picture changed within ${PICTURE_TIMEOUT_MS / 1000} s`);
      }
    }
    await screenshotElement(page, ex, path.join(out, `${c.label}-explorer${e + 1}-after.png`));
  }
}

// checkGuidance checks the text of the given cells: exactly one guidance line, no trace.
function checkGuidance(c, check, cells, xfail, allowClean) {
  const text = cells.map((x) => x.text).join('\n');
  const lines = guidanceLines(text);
  const traces = traceWords(text);
  const clean = cells.every((x) => typeof x.prompt === 'number' && !x.errors.length && !x.stderr.length && !x.pink);
  if (allowClean && clean && lines.length === 0) {
    report(c.label, `${check}: runs cleanly`, true, '');
    return;
  }
  // Only the cell that shows the guidance may show an error: later cells are aborted or quiet.
  const noisy = cells.filter((x) => x.errors.length || x.stderr.length || x.pink);
  const ok = lines.length === 1 && traces.length === 0 && noisy.length <= 1;
  const firstLines = text.split('\n').filter((l) => l.trim()).slice(0, 3).map((l) => l.trim().slice(0, 160)).join(' / ');
  report(c.label, `${check}: one line of guidance ("${MARKER}..."), no trace, no error in other cells`, ok,
    ok ? `"${lines[0].slice(0, 200)}"` :
      `${lines.length} guidance lines${traces.length ? ', trace words: ' + traces.join(', ') : ''}` +
      `${noisy.length > 1 ? `, error/stderr output in ${noisy.length} cells (${noisy.map((x) => x.index).join(', ')})` : ''}` +
      `; shows: ${firstLines || '(nothing)'}`,
    xfail);
}

async function runCase(browser, c, opts) {
  const page = await openNotebook(browser, c);
  try {
    if (c.mode === 'runall' || c.mode === 'clean' || c.mode === 'guidance') {
      await countExecutions(page);
      await kernelMenu(page, 'restart_run_all');
      const secs = await waitRunFinished(page, RUN_TIMEOUT_MS);
      const cells = await cellReport(page);
      fs.writeFileSync(path.join(opts.out, `${c.label}.cells.json`), JSON.stringify(cells, null, 1));
      await screenshotAll(page, path.join(opts.out, `${c.label}.png`));
      if (c.mode === 'guidance') {
        checkGuidance(c, `Run All (${secs.toFixed(0)} s)`, cells, opts.xfail.has(kindOf(c)), false);
      } else {
        checkClean(c, cells, secs, opts);
        await screenshotOutputs(page, cells, path.join(opts.out, c.label));
        if (c.mode === 'runall') await checkExplorers(page, c, opts.out, opts.requireExplorer);
      }
    } else if (c.mode === 'restart') {
      await kernelMenu(page, 'restart_kernel');
      await kernelIdle(page, 120000, 'the kernel to restart');
      const code = await page.evaluate(() => Jupyter.notebook.get_cells()
        .map((x, i) => (x.cell_type === 'code' ? i : -1)).filter((i) => i >= 0));
      const picks = [[code[code.length - 1], 'late cell first'], [code[1], 'imports cell']];
      for (const [index, name] of picks) {
        await countExecutions(page);
        await page.evaluate((i) => Jupyter.notebook.select(i), index);
        const box = await page.evaluateHandle((i) => Jupyter.notebook.get_cell(i).element[0].querySelector('.input_area'), index);
        await box.evaluate((el) => el.scrollIntoView());
        await box.click();
        await page.keyboard.down('Shift');
        await page.keyboard.press('Enter');
        await page.keyboard.up('Shift');
        const secs = await waitRunFinished(page, CELL_TIMEOUT_MS);
        const cells = (await cellReport(page)).filter((x) => x.index === index);
        await screenshotCell(page, index, path.join(opts.out, `${c.label}-${name.replace(/ /g, '-')}.png`));
        checkGuidance(c, `after Kernel → Restart, ${name} (cell ${index}, ${secs.toFixed(0)} s)`, cells,
          opts.xfail.has(kindOf(c)), true);
      }
    }
    if (page.pageErrors.length) {
      report(c.label, 'no uncaught JavaScript error in the page', false, page.pageErrors.slice(0, 3).join(' | '));
    }
  } finally {
    await page.close();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.out, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-go-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const c of opts.cases) {
      const t0 = Date.now();
      console.log(`==> ${c.label}: ${c.mode} ${c.nb} on ${c.base}`);
      try {
        await runCase(browser, c, opts);
      } catch (e) {
        report(c.label, c.mode, false, String(e && e.message ? e.message : e).split('\n')[0],
          (c.mode === 'restart' || c.mode === 'guidance') && opts.xfail.has(kindOf(c)));
      }
      console.log(`    ${c.label}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const count = (s) => results.filter((r) => r.status === s).length;
  fs.writeFileSync(path.join(opts.out, 'results.json'), JSON.stringify(results, null, 1));
  console.log(`${count('ok')} passed, ${count('FAIL')} failed, ${count('XFAIL')} expected failures, ${count('SKIP')} skipped`);
  process.exit(count('FAIL') ? 1 : 0);
}

main().catch((e) => { console.error(`notebooks.js: ${e.stack || e}`); process.exit(2); });
