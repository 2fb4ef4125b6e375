// `make bench`: how long headless chromium takes to load a page `strikeline render
// --format html` wrote, until its load event and until its script has shown the
// filters. Prints `page_ms=N script_ms=M`. Figures, never pass/fail.
//   node bench/page_load.mjs PAGE.html
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const url = pathToFileURL(process.argv[2]).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const started = Date.now();
await page.goto(url, { waitUntil: 'load' });
const loaded = Date.now();
await page.waitForSelector('#filters:not([hidden])');
const scripted = Date.now();
console.log(`page_ms=${loaded - started} script_ms=${scripted - started}`);
await browser.close();
