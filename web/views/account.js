// The member's own data, under their profile (#/me): what an admin did to it (hidden, and why), a download of
// everything stored about them (GET /me/export) and leaving the directory (DELETE /me, after a confirmation;
// the profile, its photos and the reports they filed are deleted for good).
import { api } from '../api.js';
import { $, notice, setStatus } from '../dom.js';
import { forgetMine, mine } from '../me.js';

/** Shows the admin's hiding of the profile, if any, and the account actions when there is a profile. */
export function showAccount(me) {
  const hidden = me && me.hiddenByAdmin;
  $('hidden-by-admin').hidden = !hidden;
  if (hidden) {
    $('hidden-by-admin').textContent = `An admin hid your profile from the directory on ${new Date(hidden.at).toLocaleDateString()}: `
      + `${hidden.reason} It stays hidden until an admin restores it, whatever you save.`;
  }
  $('account').hidden = !me;
  setStatus('account-status', '');
}

async function download() {
  const response = await api('/me/export');
  if (!response.ok) {
    setStatus('account-status', 'Could not export your data (' + response.status + ').', true);
    return;
  }
  const blob = new Blob([JSON.stringify(response.body, null, 2)], { type: 'application/json' });
  const link = $('export-link');
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  link.hidden = false;
  link.click();
  setStatus('account-status', 'Your data is ready: roster-export.json.');
}

async function leave() {
  const response = await api('/me', { method: 'DELETE', headers: { 'if-match': mine.etag || '' } });
  if (response.status === 204) {
    forgetMine();
    notice('Your profile, its photos and the reports you filed are deleted.', 'info');
    location.hash = '#/';
    return;
  }
  setStatus('account-status', 'Could not delete your profile: '
    + ((response.body && response.body.error && response.body.error.message) || response.status), true);
}

export function wireAccount() {
  $('export-data').addEventListener('click', download);
  $('leave').addEventListener('click', () => $('confirm-leave').showModal());
  $('confirm-leave').addEventListener('close', () => {
    if ($('confirm-leave').returnValue === 'leave') leave();
  });
}
