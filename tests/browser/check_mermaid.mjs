// Parses and draws every Mermaid diagram in Markdown files that strikeline wrote
// (`export --format mermaid`, and the flowchart that `render` puts in the timeline),
// with the pinned npm package mermaid in Debian's chromium, headless, every request
// refused:
//
//   node check_mermaid.mjs EXPORT.json FILE.md... [--hostile]
//
// Each ```mermaid block must pass mermaid.parse and mermaid.render to SVG with no
// error; in the SVG of a timeline every event title of EXPORT.json (`export --format
// json` of the same dataset) must be shown as text, and in a flowchart every title
// of an event with a causal link. --hostile: the data tries to inject markup; it
// must show as text, and none of it may run. Exits 1 listing every failure.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { offlinePage } from './offline_page.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const hostile = args.includes('--hostile');
const [exportPath, ...files] = args.filter((a) => a !== '--hostile');
const dataset = JSON.parse(readFileSync(exportPath, 'utf8'));
const mermaidSource = readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
const failures = [];
const fail = (message) => failures.push(message);
const squeezed = (text) => text.replace(/\s+/g, '');

const diagrams = [];
for (const file of files) {
  const blocks = readFileSync(file, 'utf8').match(/^```mermaid\n[\s\S]*?^```$/gm) || [];
  blocks.forEach((block, i) => diagrams.push({ file, n: i + 1, text: block.slice('```mermaid\n'.length, -3) }));
}

const { browser, page, refused, problems } = await offlinePage();
await page.setContent('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mermaid</title></head><body></body></html>');
await page.addScriptTag({ content: mermaidSource });
await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));

const linked = new Set();
for (const l of dataset.links) if (l.type === 'led-to' || l.type === 'response-to') { linked.add(l.from); linked.add(l.to); }
for (const d of diagrams) {
  const label = `${d.file} diagram ${d.n}`;
  const result = await page.evaluate(async ({ text, id }) => {
    try {
      const parsed = await window.mermaid.parse(text);
      const { svg } = await window.mermaid.render(id, text);
      const holder = document.createElement('div');
      holder.innerHTML = svg;
      document.body.appendChild(holder);
      await new Promise((r) => setTimeout(r, 50));
      const out = { type: parsed && parsed.diagramType, text: holder.textContent,
                    injected: holder.querySelectorAll('script, img, iframe, style:not(svg > style), base, meta, [onload], [onerror]').length };
      return out;
    } catch (e) {
      return { error: String(e && e.message || e) };
    }
  }, { text: d.text, id: `diagram-${diagrams.indexOf(d)}` });
  if (result.error) { fail(`${label}: ${result.error}`); continue; }
  const shown = squeezed(result.text);
  const wanted = d.text.startsWith('timeline') ? dataset.events
    : dataset.events.filter((e) => linked.has(e.id));
  if (!d.text.startsWith('timeline') && !d.text.startsWith('flowchart')) fail(`${label}: neither a timeline nor a flowchart`);
  for (const event of wanted) {
    if (!shown.includes(squeezed(event.title))) fail(`${label}: event ${event.id}'s title ${JSON.stringify(event.title)} is not shown`);
  }
  if (result.injected) fail(`${label}: ${result.injected} injected elements in the SVG`);
  d.type = result.type;
}
const pwned = await page.evaluate(() => window.__pwned ?? null);
if (hostile && pwned !== null) fail(`injected script ran (window.__pwned = ${pwned})`);
if (hostile && !diagrams.length) fail('no diagram to check');
for (const p of problems) fail(p);
for (const url of refused) fail(`requested ${url}`);
await browser.close();

console.log(`${files.join(', ')}: ${diagrams.length} diagrams (${diagrams.map((d) => d.type).join(', ')})`);
if (failures.length) {
  for (const f of failures) console.error('FAIL ' + f);
  process.exit(1);
}
