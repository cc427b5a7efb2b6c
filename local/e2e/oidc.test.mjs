// The web client's deployment sign-in (config.json "mode": "oidc": authorization code + PKCE against the
// provider named there), run against the local issuer acting as that provider.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launch } from './browser.js';
import { ROSTER_URL } from './stack.js';

test('signs in through the OIDC authorization-code flow with PKCE and calls the API with the ID token', { timeout: 120_000 }, async () => {
  const browser = await launch({ viewport: { width: 900, height: 800 } });
  try {
    const page = browser.context.pages()[0] || (await browser.context.newPage());
    page.setDefaultTimeout(30_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // a deployment's config.json, with the local issuer as the provider
    await page.route('**/config.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ apiBase: '/api', auth: { mode: 'oidc', issuer: ROSTER_URL + '/local', clientId: 'roster-local' } }),
      }),
    );
    await page.goto(ROSTER_URL + '/');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL(/\/local\/authorize\?/);
    const authorize = new URL(page.url());
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('client_id'), 'roster-local');
    await page.getByLabel('Name').fill('Olga Idc');
    await page.getByLabel('E-mail').fill('olga@example.org');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Directory' }).waitFor();
    assert.equal(new URL(page.url()).search, '', 'the code is removed from the address bar');
    assert.equal(await page.locator('#who-name').innerText(), 'Olga Idc');
    await page.locator('#grid .card').first().waitFor();
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('roster.session')));
    assert.equal(session.sub, 'local-olga@example.org');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
