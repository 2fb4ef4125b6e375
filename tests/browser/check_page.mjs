// Loads a page that `strikeline render --format html` wrote into Debian's chromium,
// headless, with the network refused, and checks what a reader gets:
//
//   node check_page.mjs PAGE.html EXPORT.json [--screenshot FILE.png] [--hostile]
//
// EXPORT.json is `strikeline export --format json` of the same dataset: every event
// must be on the page at #id with its source paragraphs verbatim, every internal
// link must lead somewhere, and nothing may be fetched. With the script on, the
// filters, the search and the chain marks must work; with it off, everything must
// still be shown. axe-core audits the page: no serious or critical violation.
// --hostile: the data tries to inject markup; none of it may run or load.
// Prints one line of figures and exits 1 listing every failure.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const [pagePath, exportPath] = args;
const screenshot = args.includes('--screenshot') ? args[args.indexOf('--screenshot') + 1] : null;
const hostile = args.includes('--hostile');
const url = pathToFileURL(pagePath).href;
const dataset = JSON.parse(readFileSync(exportPath, 'utf8'));
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const failures = [];
const fail = (message) => failures.push(message);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});

// A page in a context of its own: every request but the page itself is refused and
// counted, and errors on the console or in the page are failures.
async function open(javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1200, height: 900 } });
  await context.setOffline(true);
  const requests = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const loadMs = Date.now() - started;
  return { context, page, requests, problems, loadMs };
}

// What a reader sees, the same with or without the script: events, paragraphs, links.
async function checkContent(page, label) {
  const found = await page.evaluate(() => {
    const events = {};
    for (const a of document.querySelectorAll('article.event')) {
      events[a.id] = {
        visible: a.offsetParent !== null,
        paragraphs: Array.from(a.querySelectorAll('blockquote p')).map((p) => p.textContent),
        title: a.querySelector('h3').textContent,
      };
    }
    const broken = Array.from(document.querySelectorAll('a[href^="#"]'))
      .map((a) => a.getAttribute('href').slice(1))
      .filter((id) => !document.getElementById(decodeURIComponent(id)));
    const h1 = document.querySelectorAll('h1').length;
    return { events, broken, h1 };
  });
  for (const event of dataset.events) {
    const shown = found.events[event.id];
    if (!shown) { fail(`${label}: event ${event.id} is not on the page`); continue; }
    if (!shown.visible) fail(`${label}: event ${event.id} is not shown`);
    if (shown.title !== event.title) fail(`${label}: event ${event.id} is titled ${JSON.stringify(shown.title)}`);
    for (const quote of event.sources) {
      if (!shown.paragraphs.includes(quote.text)) fail(`${label}: event ${event.id} lacks paragraph ${quote.paragraph} of ${quote.source}`);
    }
  }
  if (Object.keys(found.events).length !== dataset.events.length) fail(`${label}: the page has ${Object.keys(found.events).length} events, the export ${dataset.events.length}`);
  for (const id of found.broken) fail(`${label}: the link to #${id} leads nowhere`);
  if (found.h1 !== 1) fail(`${label}: ${found.h1} h1 elements`);
}

// Nothing from the data became markup: one script (the page's own), no element that
// loads or runs, no handler attribute, no link off the page but to the sources.
async function checkInert(page, label) {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    scripts: document.querySelectorAll('script').length,
    loaders: document.querySelectorAll('img, iframe, object, embed, svg, video, audio, link, base, form[action], meta[http-equiv="refresh"]').length,
    handlers: Array.from(document.querySelectorAll('*')).filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith('on'))).length,
    schemes: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')).filter((h) => !/^(#|https?:)/.test(h)),
    styles: document.querySelectorAll('style').length,
  }));
  if (state.pwned !== null) fail(`${label}: injected script ran (window.__pwned = ${state.pwned})`);
  if (state.scripts > 1) fail(`${label}: ${state.scripts} script elements`);
  if (state.loaders > 0) fail(`${label}: ${state.loaders} elements that load something`);
  if (state.handlers > 0) fail(`${label}: ${state.handlers} elements with event handler attributes`);
  if (state.styles !== 1) fail(`${label}: ${state.styles} style elements`);
  for (const href of state.schemes) fail(`${label}: a link to ${href}`);
}

// With the script: the controls appear, and filtering, searching and chains work.
async function checkScript(page) {
  if (!(await page.isVisible('#filters'))) { fail('script: the filters are not shown'); return; }
  const total = dataset.events.length;
  if (total === 0) {
    const status = await page.textContent('#shown');
    if (status !== '0 of 0 events shown') fail(`script: the status of an empty timeline says ${JSON.stringify(status)}`);
    return;
  }
  const visibleCount = () => page.$$eval('article.event', (all) => all.filter((a) => !a.hidden).length);
  const kinds = [...new Set(dataset.events.map((e) => e.kind))];
  const kind = kinds[0];
  await page.selectOption('#kind', kind);
  const ofKind = dataset.events.filter((e) => e.kind === kind).length;
  if ((await visibleCount()) !== ofKind) fail(`script: kind ${kind} shows ${await visibleCount()} events, not ${ofKind}`);
  const status = await page.textContent('#shown');
  if (status !== `${ofKind} of ${total} events shown`) fail(`script: the status says ${JSON.stringify(status)}`);
  await page.click('#clear');
  if ((await visibleCount()) !== total) fail('script: "Show all" does not show every event');
  const probe = dataset.events[dataset.events.length - 1].title.split(' ').slice(0, 3).join(' ');
  await page.fill('#search', probe);
  const matching = await page.$$eval('article.event', (all, q) => all.filter((a) => a.textContent.toLowerCase().includes(q)).length, probe.toLowerCase());
  if ((await visibleCount()) !== matching || matching === 0) fail(`script: searching ${JSON.stringify(probe)} shows ${await visibleCount()} events, not ${matching}`);
  await page.click('#clear');
  // The chain of an event that something led to: focus it, its causes are marked.
  const led = dataset.links.find((l) => l.type === 'led-to');
  const effect = led && dataset.events.find((e) => e.id === led.to);
  if (effect) {
    await page.focus(`article.event[id="${effect.id}"] h3 a`);
    const causes = await page.$$eval('article.event.cause', (all) => all.map((a) => a.id));
    if (causes.length === 0) fail(`script: focusing ${effect.id} marks none of its causes`);
  }
}

async function audit(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) fail(`axe: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} elements, e.g. ${v.nodes[0].target})`);
  return result.violations.length;
}

const scripted = await open(true);
await checkContent(scripted.page, 'with script');
if (hostile) await checkInert(scripted.page, 'with script');
const violations = await audit(scripted.page);
if (screenshot) {
  // The events, with their bars, are what the page is for: start the picture there,
  // with the pointer on an event that something led to, to show its chain marked.
  const led = dataset.links.find((l) => l.type === 'led-to');
  await scripted.page.mouse.move(0, 0);
  if (led) await scripted.page.focus(`article.event[id="${led.to}"] h3 a`);
  await scripted.page.evaluate((id) => (id ? document.getElementById(id) : document.querySelector('section.month'))
    .scrollIntoView(), led ? led.from : null);
  await scripted.page.screenshot({ path: screenshot });
  await scripted.page.evaluate(() => document.activeElement.blur());
}
await checkScript(scripted.page);
if (hostile) {
  // Pointing at and focusing every event runs the chain code over the data too.
  for (const handle of await scripted.page.$$('article.event h3 a')) await handle.focus();
  await checkInert(scripted.page, 'after focusing every event');
}
for (const r of scripted.requests) fail(`with script: the page asked for ${r}`);
for (const p of scripted.problems) fail(`with script: ${p}`);

// On paper: no axis and no controls, and every event shown even if a filter hid it.
if (dataset.events.length > 0) {
  await scripted.page.selectOption('#kind', dataset.events[0].kind);
  await scripted.page.emulateMedia({ media: 'print' });
  const printed = await scripted.page.evaluate(() => ({
    events: Array.from(document.querySelectorAll('article.event')).filter((a) => getComputedStyle(a).display !== 'none').length,
    clutter: Array.from(document.querySelectorAll('#filters, .bar, nav')).filter((e) => getComputedStyle(e).display !== 'none').length,
  }));
  if (printed.events !== dataset.events.length) fail(`print: ${printed.events} of ${dataset.events.length} events on paper`);
  if (printed.clutter > 0) fail(`print: ${printed.clutter} controls, bars or menus on paper`);
  await scripted.page.emulateMedia({ media: 'screen' });
}

const plain = await open(false);
await checkContent(plain.page, 'without script');
if (hostile) await checkInert(plain.page, 'without script');
if (await plain.page.isVisible('#filters')) fail('without script: the filters are shown, though they cannot work');
for (const r of plain.requests) fail(`without script: the page asked for ${r}`);

const bytes = readFileSync(pagePath).length;
console.log(`page ${pagePath}: ${dataset.events.length} events, ${bytes} bytes, load ${scripted.loadMs} ms, ` +
            `axe violations (any impact) ${violations}`);
await browser.close();
if (failures.length) {
  for (const f of failures) console.error('FAIL ' + f);
  process.exit(1);
}
