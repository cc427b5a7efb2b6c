// The member lifecycle in the web client, each step's effect checked through the API: an operator imports a
// member (the CSV copied into the uploads bucket with the AWS CLI, the ops function invoked); the member signs
// in with the imported e-mail and gets the imported profile, not a blank one; they report another profile from
// its page; an admin hides it from the admin page; the member leaves the directory from their profile.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { axeViolations, screenshot } from './axe.js';
import { launch } from './browser.js';
import { ROSTER_URL, api, devToken, stackInfo } from './stack.js';

const exec = promisify(execFile);
const run = Date.now().toString(36);
const email = `claire-${run}@example.org`;
const name = `Claire Imported ${run}`;
const tag = `lifecycle-${run}`;
// what the web client's local sign-in makes of the address
const sub = 'local-' + email;

let browser;
let page;
let member;
let admin;
let importedId;
let reportedId;

before(async () => {
  browser = await launch({ viewport: { width: 1100, height: 900 } });
  page = browser.context.pages()[0] || (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
  member = await devToken(sub, name, email, { email_verified: true });
  admin = await devToken(`admin-${run}`, 'Ada Admin', `admin-${run}@example.org`, { groups: ['roster-admins'] });
});

after(async () => {
  await browser?.close();
});

test('an operator imports a member with the AWS CLI and the ops function', { timeout: 120_000 }, async () => {
  const stack = await stackInfo();
  const dir = mkdtempSync(join(tmpdir(), 'roster-lifecycle-'));
  try {
    const file = join(dir, 'members.csv');
    writeFileSync(file, `importId,name,email,organisation,tags,visible\nL-${run},${name},${email.toUpperCase()},Imported Org,${tag},yes\n`);
    await exec('aws', ['--endpoint-url', stack.emulator, '--region', stack.region, 's3', 'cp', file,
      `s3://${stack.resources.UploadsBucket}/imports/lifecycle-${run}.csv`, '--no-progress'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '' },
      timeout: 60_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const invoked = await fetch(ROSTER_URL + '/local/invoke/OpsFunction', {
    method: 'POST',
    body: JSON.stringify({ job: 'import', key: `imports/lifecycle-${run}.csv` }),
  });
  const report = await invoked.json();
  assert.equal(invoked.status, 200, JSON.stringify(report));
  assert.equal(report.created, 1, JSON.stringify(report));
  const listed = await api(admin, '/profiles?tag=' + tag);
  assert.equal(listed.body.items.length, 1);
  importedId = listed.body.items[0].id;
  assert.equal(listed.body.items[0].name, name);
});

test('the member signs in with the imported e-mail and gets the imported profile', async () => {
  await page.goto(ROSTER_URL + '/');
  await page.getByLabel('Your name').fill('Claire');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Directory' }).waitFor();
  await page.goto(ROSTER_URL + '/#/me');
  await page.getByRole('heading', { name: 'My profile' }).waitFor();
  await page.waitForFunction((expected) => document.getElementById('p-name').value === expected, name);
  assert.equal(await page.locator('#p-organisation').inputValue(), 'Imported Org');

  const me = await api(member, '/me');
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.id, importedId, 'the imported profile, same id');
  const listed = await api(admin, '/profiles?tag=' + tag);
  assert.deepEqual(listed.body.items.map((i) => i.id), [importedId], 'no second profile in the directory');
});

test('on a phone the member is asked to check the claimed profile until they save it once', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    const before = await api(member, '/me');
    assert.equal(before.body.claimed.reviewed, false, JSON.stringify(before.body.claimed));
    const listed = await api(admin, '/profiles/' + importedId);
    assert.equal(listed.body.claimed, undefined, 'the claim is the owner\'s alone');

    await page.goto(ROSTER_URL + '/#/');
    await page.reload(); // the directory asks GET /me afresh, as on a first visit
    const prompt = page.locator('#claim-prompt');
    await prompt.waitFor();
    assert.match(await prompt.innerText(), /profile imported for you/);
    const box = await prompt.boundingBox();
    assert.ok(box.y + box.height <= 844, `the prompt is on the phone's first screen (bottom at ${box.y + box.height} px)`);
    await screenshot(page, 'directory-claim-prompt');
    await prompt.getByRole('link', { name: 'Check my profile' }).click();

    const note = page.getByRole('region', { name: 'Check the profile imported for you' });
    await note.waitFor();
    assert.match(await note.innerText(), /no photo yet/);
    assert.match(await note.innerText(), /shown in the directory/);
    assert.ok((await note.innerText()).includes(before.body.email), 'the private address the import recorded');
    await page.waitForFunction((expected) => document.getElementById('p-name').value === expected, name);
    await screenshot(page, 'claimed-profile-to-check');
    assert.deepEqual(await axeViolations(page), []);

    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Saved.').waitFor();
    await note.waitFor({ state: 'hidden' });
    const after = await api(member, '/me');
    assert.equal(after.body.claimed.reviewed, true, JSON.stringify(after.body.claimed));
    assert.equal(after.body.claimed.at, before.body.claimed.at);
    assert.equal(after.body.name, name, 'saved unchanged');
    assert.equal(after.body.email, before.body.email, 'the imported address the form does not show is kept');

    await page.goto(ROSTER_URL + '/#/');
    const meRead = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/me');
    await page.reload();
    await meRead;
    await page.locator('#grid .card').first().waitFor();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    assert.equal(await prompt.isHidden(), true, 'no prompt once checked');
    await page.goto(ROSTER_URL + '/#/me');
    await page.waitForFunction((expected) => document.getElementById('p-name').value === expected, name);
    assert.equal(await note.isHidden(), true, 'no note once checked');
  } finally {
    await page.setViewportSize({ width: 1100, height: 900 });
  }
});

test('the member reports another profile from its page', async () => {
  const other = (await api(member, '/profiles?limit=5')).body.items.find((i) => i.id !== importedId);
  reportedId = other.id;
  await page.goto(ROSTER_URL + '/#/profiles/' + reportedId);
  await page.getByRole('heading', { level: 1, name: other.name }).waitFor();
  await page.getByText('Report this profile').click();
  await page.getByLabel(/What is wrong with it/).fill(`e2e ${run}: spam in the bio`);
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.getByText('Thank you: the admins will look at it.').waitFor();
  assert.deepEqual(await axeViolations(page), []);

  const reports = await api(admin, '/admin/reports?limit=100');
  assert.equal(reports.status, 200);
  const mine = reports.body.reports.filter((r) => r.profileId === reportedId && r.reason.includes(run));
  assert.equal(mine.length, 1, JSON.stringify(reports.body));
  assert.equal((await api(member, '/admin/reports')).status, 403, 'members do not read reports');
});

test('an admin hides the reported profile from the admin page', async () => {
  const session = { token: admin, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), sub: `admin-${run}`, name: 'Ada Admin', email: '' };
  await page.evaluate((s) => localStorage.setItem('roster.session', JSON.stringify(s)), session);
  await page.goto(ROSTER_URL + '/#/admin');
  await page.reload(); // a hash change alone keeps the page, and the session it read at start
  await page.getByRole('heading', { name: 'Moderation' }).waitFor();
  const report = page.locator('.admin-report', { hasText: `e2e ${run}` });
  await report.waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.getByLabel(/Reason for your next action/).fill('spam, as reported');
  await report.getByRole('button', { name: 'Hide profile' }).click();
  await page.getByText('Hide profile: done.').waitFor();

  assert.equal((await api(member, '/profiles/' + reportedId)).status, 404, 'hidden from members');
  const audit = await api(admin, '/admin/audit');
  const entry = audit.body.entries.find((e) => e.profileId === reportedId && e.action === 'HIDE_PROFILE');
  assert.equal(entry.reason, 'spam, as reported');
  assert.equal(entry.admin, `admin-${run}`);
  // put the seeded member back for the other tests
  const restored = await api(admin, `/admin/profiles/${reportedId}/visibility`, { method: 'PUT', body: { visible: true, reason: 'e2e clean-up' } });
  assert.equal(restored.status, 200);
});

test('the member leaves the directory from their profile', async () => {
  const session = { token: member, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), sub, name: 'Claire', email };
  await page.evaluate((s) => localStorage.setItem('roster.session', JSON.stringify(s)), session);
  await page.goto(ROSTER_URL + '/#/me');
  await page.reload();
  await page.waitForFunction((expected) => document.getElementById('p-name').value === expected, name);
  await page.getByRole('button', { name: 'Leave the directory' }).click();
  await page.getByRole('button', { name: 'Delete my profile' }).click();
  await page.getByText('Your profile, its photos and the reports you filed are deleted.').waitFor();

  assert.equal((await api(member, '/me')).status, 404);
  assert.equal((await api(admin, '/profiles/' + importedId)).status, 404);
  assert.deepEqual((await api(admin, '/profiles?tag=' + tag)).body.items, []);
  const reports = await api(admin, '/admin/reports?limit=100');
  assert.equal(reports.body.reports.filter((r) => r.reason.includes(run)).length, 0, 'the reports they filed went with them');
  assert.equal((await api(member, '/me', { method: 'DELETE', headers: { 'if-match': '"1"' } })).status, 404);
});
