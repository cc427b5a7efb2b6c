// The AWS CLI, pointed at the local stack's emulator, uploads a photo under uploads/<profileId>/<uploadId>:
// the bucket's notification reaches ThumbnailFunction, which makes the crops, and the profile shows them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { ROSTER_URL, api, devToken, pngImage, stackInfo, waitForPhoto } from './stack.js';

const run = promisify(execFile);

test('aws s3 cp into uploads/ of the local stack produces thumbnails through the pipeline', { timeout: 120_000 }, async () => {
  const stack = await stackInfo();
  const sub = 'awscli-' + Date.now();
  const token = await devToken(sub, 'Cli Uploader', sub + '@example.org');
  const created = await api(token, '/me', { method: 'PUT', body: { name: 'Cli Uploader', tags: ['awscli'], visible: true } });
  assert.ok([200, 201].includes(created.status), `PUT /me answered ${created.status}: ${JSON.stringify(created.body)}`);
  const profileId = (await api(token, '/me')).body.id;

  const photo = pngImage(400, 300, 3);
  const grant = await api(token, '/me/photo', { method: 'POST', body: { contentType: 'image/png', contentLength: photo.length } });
  assert.equal(grant.status, 201, JSON.stringify(grant.body));
  const key = `uploads/${profileId}/${grant.body.uploadId}`;
  assert.ok(new URL(grant.body.url).pathname.endsWith('/' + key), `the presigned URL is for ${key}: ${grant.body.url}`);

  // instead of the browser's PUT to the presigned URL, the AWS CLI writes the same key
  const dir = mkdtempSync(join(tmpdir(), 'roster-awscli-'));
  try {
    const file = join(dir, 'photo.png');
    writeFileSync(file, photo);
    const bucket = stack.resources.UploadsBucket;
    const { stdout } = await run('aws', ['--endpoint-url', stack.emulator, '--region', stack.region,
      's3', 'cp', file, `s3://${bucket}/${key}`, '--content-type', 'image/png', '--no-progress'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '' },
      timeout: 60_000,
    });
    assert.match(stdout, /upload:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const me = await waitForPhoto(token);
  assert.equal(me.photoStatus, 'READY', `photo status after the CLI upload: ${JSON.stringify(me)}`);
  for (const crop of ['thumb1x', 'thumb2x', 'detail1x', 'detail2x']) {
    assert.ok(me.photo[crop].startsWith(ROSTER_URL + '/photos/'), `${crop} is served by the local stack: ${me.photo[crop]}`);
  }
  const thumb = await fetch(me.photo.thumb2x);
  assert.equal(thumb.status, 200);
  assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await thumb.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'the thumbnail is a JPEG');
  assert.ok(me.photo.placeholder && me.photo.colour.match(/^#[0-9a-f]{6}$/i), 'placeholder and colour are set');
});
