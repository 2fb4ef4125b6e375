// Loads what `strikeline export --format timelinejs` wrote into TimelineJS 3 (the
// pinned npm package @knight-lab/timelinejs, from node_modules) in Debian's chromium,
// headless, with every request but TimelineJS's own files refused:
//
//   node check_timelinejs.mjs TIMELINE.json EXPORT.json [--hostile]
//
// EXPORT.json is `strikeline export --format json` of the same dataset. TimelineJS
// must show the title slide and one slide per event (those that can be placed on a
// calendar: the file's events), each at its id with its title as text, with no
// error on the console or in the page; for a file of no events, its own message. --hostile: the data tries to inject markup;
// it must show as text, and none of it may run or load. Exits 1 listing failures.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { offlinePage } from './offline_page.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const [timelinePath, exportPath] = args;
const hostile = args.includes('--hostile');
const data = JSON.parse(readFileSync(timelinePath, 'utf8'));
const dataset = JSON.parse(readFileSync(exportPath, 'utf8'));
const dist = dirname(dirname(require.resolve('@knight-lab/timelinejs/dist/js/timeline.js')));
const distUrl = pathToFileURL(dist).href + '/';
const failures = [];
const fail = (message) => failures.push(message);

// A page that loads TimelineJS's script and style from node_modules; the data is
// handed over by evaluate(), never written into the page. TimelineJS's default font
// is fetched from Google Fonts: `font: null` keeps the page offline.
const work = mkdtempSync(join(tmpdir(), 'strikeline-tljs-'));
const pagePath = join(work, 'page.html');
writeFileSync(pagePath, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="${distUrl}css/timeline.css"><script src="${distUrl}js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1200px; height: 700px"></div></body></html>\n`);
const pageUrl = pathToFileURL(pagePath).href;

const { browser, page, refused, problems } = await offlinePage((url) => url === pageUrl || url.startsWith(distUrl));
await page.goto(pageUrl, { waitUntil: 'load' });
await page.evaluate(({ json, scriptPath }) => {
  window.timeline = new TL.Timeline('timeline', json, { language: 'en', hash_bookmark: false, debug: false, font: null, script_path: scriptPath });
}, { json: data, scriptPath: distUrl + 'js/' });
// TimelineJS builds its slides after a tick; wait for them, then a little for any error.
const expected = data.events.length ? data.events.length + 1 : 0;
await page.waitForFunction((n) => document.querySelectorAll('.tl-slide').length >= n, expected, { timeout: 15000 })
  .catch(() => {});
await page.waitForTimeout(500);
const found = await page.evaluate(() => ({
  slides: document.querySelectorAll('.tl-slide').length,
  byId: Object.fromEntries(Array.from(document.querySelectorAll('.tl-slide[id]')).map((s) => [
    s.id, (s.querySelector('.tl-headline') || {}).textContent ?? null])),
  title: (document.querySelector('.tl-slide-titleslide .tl-headline') || {}).textContent ?? null,
  text: document.body.textContent,
  pwned: window.__pwned ?? null,
  injected: document.querySelectorAll('.tl-slide script, .tl-slide img[src="x"], .tl-slide svg[onload], .tl-slide iframe, .tl-slide style, .tl-slide base, .tl-slide meta').length,
}));

// TimelineJS refuses a timeline of no events with a message of its own, and shows no slide.
if (!data.events.length) {
  if (found.slides !== 0) fail(`${found.slides} slides for a timeline of no events`);
  if (!found.text.includes('has no events')) fail('TimelineJS does not say that the timeline has no events');
} else if (found.slides !== expected) fail(`${found.slides} slides, expected ${expected} (a title slide and ${data.events.length} events)`);
const placed = new Set(data.events.map((e) => e.unique_id));
for (const event of dataset.events) {
  if (!placed.has(event.id)) continue;  // not placeable: the title slide says so
  if (!(event.id in found.byId)) { fail(`event ${event.id} has no slide`); continue; }
  if (found.byId[event.id] !== event.title) fail(`event ${event.id}'s slide is titled ${JSON.stringify(found.byId[event.id])}, not ${JSON.stringify(event.title)}`);
}
for (const event of data.events) {
  if (!dataset.events.some((e) => e.id === event.unique_id)) fail(`slide ${event.unique_id} is not an event of the export`);
}
const title = dataset.dataset.title || 'Timeline';
if (data.events.length && found.title !== title) fail(`the title slide reads ${JSON.stringify(found.title)}, not ${JSON.stringify(title)}`);
if (hostile) {
  if (found.pwned !== null) fail(`injected script ran (window.__pwned = ${found.pwned})`);
  if (found.injected) fail(`${found.injected} injected elements in the slides`);
  if (!found.text.includes('<script>window.__pwned=1</script>')) fail('the markup in the data is not shown as text');
}
for (const p of problems) fail(p);
for (const url of refused) fail(`requested ${url}`);
await browser.close();
rmSync(work, { recursive: true, force: true });

console.log(`${timelinePath}: ${found.slides} slides for ${data.events.length} events of ${dataset.events.length}`);
if (failures.length) {
  for (const f of failures) console.error('FAIL ' + f);
  process.exit(1);
}
