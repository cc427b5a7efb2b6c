// Lighthouse (mobile settings: its default emulated phone and simulated slow 4G / 4x CPU throttling) on the
// directory as a signed-in member sees it. Signs in through the page's own sign-in form, then hands the
// same browser page to Lighthouse with storage kept. Prints the category scores and the main metrics;
// writes the full report to target/lighthouse.html and .json. Not a test: nothing is asserted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const url = (process.env.ROSTER_URL || '').replace(/\/$/, '');
if (!url) throw new Error('ROSTER_URL is not set (bench/lighthouse starts a local stack and sets it)');
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
const target = join(dirname(fileURLToPath(import.meta.url)), 'target');

const browser = await puppeteer.launch({
  executablePath: chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage();
  await page.goto(url + '/');
  await page.waitForSelector('#sign-in-name', { visible: true });
  await page.type('#sign-in-name', 'Lighthouse Reader');
  await page.type('#sign-in-email', 'lighthouse-reader@example.org');
  await Promise.all([page.waitForSelector('#grid .card'), page.click('#sign-in-local button[type=submit]')]);
  // a member with a profile (a new member's GET /me is a 404, which the console reports as an error)
  if (await page.$('#onboarding:not([hidden])')) {
    await page.goto(url + '/#/me');
    await page.waitForSelector('#save-profile:not([disabled])');
    await page.type('#p-name', 'Lighthouse Reader');
    await page.click('#save-profile');
    await page.waitForFunction(() => document.getElementById('profile-status').textContent === 'Saved.');
  }

  const result = await lighthouse(
    url + '/#/',
    { disableStorageReset: true, output: ['html', 'json'], logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] },
    undefined,
    page,
  );
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'lighthouse.html'), result.report[0]);
  writeFileSync(join(target, 'lighthouse.json'), result.report[1]);
  const { categories, audits, configSettings } = result.lhr;
  console.log(`Lighthouse ${result.lhr.lighthouseVersion} on ${url}/#/ (signed in), ${configSettings.formFactor}, ` +
    `throttling ${configSettings.throttlingMethod}, ${result.lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]}`);
  for (const id of ['performance', 'accessibility', 'best-practices']) {
    console.log(`  ${categories[id].title.padEnd(16)} ${Math.round(categories[id].score * 100)}`);
  }
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    console.log(`  ${audits[id].title.padEnd(26)} ${audits[id].displayValue}`);
  }
  const failing = Object.values(categories).flatMap((c) => c.auditRefs)
    .map((ref) => audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual' && a.scoreDisplayMode !== 'notApplicable');
  if (failing.length) console.log('  below full marks: ' + [...new Set(failing.map((a) => `${a.id} (${a.displayValue || a.score})`))].join(', '));
  console.log(`  report: ${join(target, 'lighthouse.html')}`);
} finally {
  await browser.close();
}
