// "My profile": the profile form (PUT /me with If-Match), the photo (upload through the presigned URL,
// removal) and, once there is a photo, the crop editor.
import { api, ApiError, currentSession } from '../api.js';
import { $, setStatus } from '../dom.js';
import { loadMine, mine, waitForPhoto } from '../me.js';
import { avatar, photo } from '../photo.js';
import { showProblem } from '../problem.js';
import { showAccount } from './account.js';
import { showCropEditor, useUploadedSource, wireCropEditor } from './crop-editor.js';

// the browser sets these itself; XMLHttpRequest refuses to
const FORBIDDEN_UPLOAD_HEADERS = new Set(['host', 'content-length', 'connection', 'expect']);

// clears the "could not load, try again" box of the last failed load, if any
let clearProblem = () => {};
let clearSaveProblem = () => {};

function fillForm(me) {
  const form = $('profile-form');
  const session = currentSession();
  form.elements.name.value = me ? me.name || '' : (session && session.name) || '';
  form.elements.organisation.value = (me && me.organisation) || '';
  form.elements.location.value = (me && me.location) || '';
  form.elements.website.value = (me && me.website) || '';
  form.elements.bio.value = (me && me.bio) || '';
  form.elements.tags.value = ((me && me.tags) || []).join(', ');
  form.elements.visible.checked = me ? !!me.visible : true;
  form.elements.contactEmail.value = (me && me.contactEmail) || '';
  form.elements.contactPhone.value = (me && me.contactPhone) || '';
  form.elements.showContact.checked = !!(me && me.showContact);
  $('save-profile').textContent = me ? 'Save profile' : 'Create profile';
}

/**
 * A profile claimed from an import says what the import wrote until its member saves it once: until then a
 * note above the form says so and what to check (the fields, the photo, whether it is listed).
 */
function showClaimReview(me) {
  const unreviewed = !!(me && me.claimed && !me.claimed.reviewed);
  $('claim-review').hidden = !unreviewed;
  if (!unreviewed) return;
  const at = new Date(me.claimed.at);
  $('claim-review-intro').textContent = `The community imported this profile for you, and it became yours when you signed in `
    + `on ${at.toLocaleDateString()}. Until you save it, it says what the import wrote.`;
  $('claim-review-photo').textContent = me.photo
    ? 'Its photo came with the import: keep it, choose another or remove it under Photo.'
    : 'It has no photo yet: add one under Photo.';
  $('claim-review-visibility').textContent = me.visible
    ? 'It is shown in the directory to signed-in members. To hide it, untick "Show my profile in the directory".'
    : 'It is not shown in the directory. To be found, tick "Show my profile in the directory".';
  $('claim-review-email').hidden = !me.email;
  $('claim-review-email').textContent = me.email
    ? `The import also recorded your e-mail address, ${me.email}; only you see it, and saving keeps it.`
    : '';
}

async function loadMe() {
  clearProblem();
  setStatus('profile-status', 'Loading…');
  $('save-profile').disabled = true;
  $('save-profile').textContent = 'Loading…';
  try {
    const me = await loadMine();
    fillForm(me);
    showClaimReview(me);
    showAccount(me);
    setStatus('profile-status', me ? '' : 'You have no profile yet: fill in at least your name and save.');
  } catch (e) {
    if (e.status !== 401) {
      setStatus('profile-status', '');
      clearProblem = showProblem($('me-problem'), 'Could not load your profile', e, loadMe);
    }
  } finally {
    $('save-profile').disabled = false;
  }
  showPhotoState();
}

async function saveProfile(event) {
  event.preventDefault();
  const form = $('profile-form');
  if (!form.elements.name.value.trim()) {
    setStatus('profile-status', 'Your name is required.', true);
    form.elements.name.focus();
    return;
  }
  const body = { name: form.elements.name.value.trim(), visible: form.elements.visible.checked };
  body.showContact = form.elements.showContact.checked;
  for (const field of ['organisation', 'location', 'website', 'bio', 'contactEmail', 'contactPhone']) {
    const value = form.elements[field].value.trim();
    if (value) body[field] = value;
  }
  body.tags = form.elements.tags.value.split(',').map((t) => t.trim()).filter(Boolean);
  // the form does not show the private address an import recorded: a save keeps it rather than erase it unseen
  if (mine.me && mine.me.email) body.email = mine.me.email;
  const headers = mine.etag ? { 'if-match': mine.etag } : {};
  $('save-profile').disabled = true;
  clearSaveProblem();
  setStatus('profile-status', 'Saving…');
  try {
    const response = await api('/me', { method: 'PUT', body, headers });
    if (response.ok) {
      mine.etag = response.etag || mine.etag;
      mine.me = response.body && response.body.name ? response.body : { ...(mine.me || {}), ...body };
      if (!response.etag || !(response.body && response.body.name)) await loadMe();
      fillForm(mine.me);
      showClaimReview(mine.me);
      setStatus('profile-status', 'Saved.');
    } else if (response.status === 412 || response.status === 428) {
      setStatus('profile-status', 'Your profile was changed elsewhere (another tab?). It has been reloaded: check it and save again.', true);
      const kept = body;
      await loadMe();
      fillForm({ ...mine.me, ...kept });
    } else throw ApiError.of(response);
  } catch (e) {
    if (e.status === 401) return;
    if (e.status && e.status < 500 && e.status !== 429) {
      setStatus('profile-status', 'Not saved: ' + e.message, true); // what to fix: trying again would not help
    } else {
      // the service or the network failed: the form keeps what was typed, and "Try again" sends it again
      setStatus('profile-status', '');
      clearSaveProblem = showProblem($('save-problem'), 'Not saved', e, () => $('profile-form').requestSubmit());
    }
  } finally {
    $('save-profile').disabled = false;
  }
}

function rejectionReason(me) {
  return me.photoRejection || me.rejectionReason || me.photoRejectionReason || (me.photo && me.photo.rejection) || 'no reason given';
}

function showPhotoState() {
  const me = mine.me;
  $('my-photo').replaceChildren(me ? photo(me) : avatar({ name: currentSession().name }));
  $('photo-file').disabled = !me;
  $('delete-photo').hidden = !(me && me.photo && me.photo.thumb1x);
  showCropEditor();
  if (!me) {
    setStatus('photo-status', 'Save your profile first, then add a photo.');
    return;
  }
  switch (me.photoStatus) {
    case 'PENDING':
      setStatus('photo-status', 'Processing your photo…');
      break;
    case 'READY':
      setStatus('photo-status', 'Your photo is ready.');
      break;
    case 'REJECTED':
      setStatus('photo-status', 'Your last photo was rejected: ' + rejectionReason(me), true);
      break;
    default:
      setStatus('photo-status', 'No photo yet.');
  }
}

function putWithProgress(grant, file) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(grant.method || 'PUT', grant.url);
    for (const [name, value] of Object.entries(grant.headers || {})) {
      if (!FORBIDDEN_UPLOAD_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    const progress = $('upload-progress');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener('load', () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`storage answered ${xhr.status}`)),
    );
    xhr.addEventListener('error', () => reject(new Error('the upload failed (network error)')));
    xhr.addEventListener('abort', () => reject(new Error('the upload was cancelled')));
    xhr.send(file);
  });
}

/** Waits for the pipeline, then shows the photo's state; false if it did not finish in time. */
async function photoSettled() {
  const outcome = await waitForPhoto();
  if (outcome === 'settled') showPhotoState();
  else if (outcome === 'timeout') setStatus('photo-status', 'Your photo is still being processed; check again in a minute.');
  return outcome === 'settled';
}

async function uploadPhoto() {
  const file = $('photo-file').files[0];
  if (!file) return;
  const progress = $('upload-progress');
  progress.value = 0;
  progress.hidden = false;
  setStatus('photo-status', 'Asking for an upload URL…');
  try {
    const response = await api('/me/photo', { method: 'POST', body: { contentType: file.type || 'application/octet-stream', contentLength: file.size } });
    if (response.status !== 201 && response.status !== 200) throw ApiError.of(response);
    const source = URL.createObjectURL(file);
    setStatus('photo-status', 'Uploading…');
    await putWithProgress(response.body, file);
    progress.value = 100;
    setStatus('photo-status', 'Uploaded. Processing your photo…');
    await photoSettled();
    // the crop editor draws on this file once it is the photo (not when it was rejected)
    if (mine.me && mine.me.photoStatus === 'READY') useUploadedSource(source);
    else URL.revokeObjectURL(source);
  } catch (e) {
    if (e.status !== 401) setStatus('photo-status', 'Photo not uploaded: ' + e.message, true);
  } finally {
    progress.hidden = true;
    $('photo-file').value = '';
  }
}

/** Asks first (a removed photo is gone for good), then removes it. */
function confirmDeletePhoto() {
  const dialog = $('confirm-remove-photo');
  dialog.returnValue = '';
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'remove') deletePhoto();
    else $('delete-photo').focus();
  }, { once: true });
  dialog.showModal();
}

async function deletePhoto() {
  setStatus('photo-status', 'Removing your photo…');
  try {
    const response = await api('/me/photo', { method: 'DELETE' });
    if (!response.ok) throw ApiError.of(response);
    await loadMe();
    setStatus('photo-status', 'Photo removed.');
  } catch (e) {
    if (e.status !== 401) setStatus('photo-status', 'Could not remove the photo: ' + e.message, true);
  }
}

/** Shows "My profile", read afresh from the API. */
export function showEditor() {
  document.title = 'My profile · roster';
  loadMe();
}

/** Wires the form, the photo controls and the crop editor (once, at start). */
export function wireEditor() {
  $('profile-form').addEventListener('submit', saveProfile);
  $('photo-file').addEventListener('change', uploadPhoto);
  $('delete-photo').addEventListener('click', confirmDeletePhoto);
  wireCropEditor({ recropped: showPhotoState });
}
