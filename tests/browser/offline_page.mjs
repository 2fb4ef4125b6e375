// A page in Debian's chromium, headless, launched as check_page.mjs launches it,
// with the network off and every request refused but those `allowed` lets through
// (each refused address is kept in `refused`); errors on the console or in the
// page are kept in `problems`. For the export checks (check_timelinejs.mjs,
// check_mermaid.mjs).
import { chromium } from 'playwright-core';

export async function offlinePage(allowed = () => false) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1300, height: 800 } });
  await context.setOffline(true);
  const refused = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  return { browser, page, refused, problems };
}
