// Report a profile to the admins, from its page (#/profiles/<id>): a short form under another member's profile.
// Only admins read reports; the reporter gets a thank-you, and reporting again while the report is open changes
// nothing (the API keeps one open report per reporter and profile).
import { api } from '../api.js';
import { $, setStatus } from '../dom.js';

const MAX_REASON = 500;

let reportingId = null;

/** Shows the report form for profile id (hidden on the member's own page). */
export function showReport(id, isMine) {
  reportingId = id;
  $('report').hidden = isMine;
  $('report').open = false;
  $('report-reason').value = '';
  setStatus('report-status', '');
}

async function submit(event) {
  event.preventDefault();
  const reason = $('report-reason').value.trim();
  if (!reason || reason.length > MAX_REASON) {
    setStatus('report-status', `Say in a few words (at most ${MAX_REASON} characters) what is wrong with this profile.`, true);
    $('report-reason').focus();
    return;
  }
  $('report-submit').disabled = true;
  try {
    const response = await api('/profiles/' + encodeURIComponent(reportingId) + '/report', { method: 'POST', body: { reason } });
    if (response.status === 202) {
      setStatus('report-status', 'Thank you: the admins will look at it.');
      $('report-reason').value = '';
    } else {
      setStatus('report-status', 'Could not send the report: ' + ((response.body && response.body.error && response.body.error.message) || response.status), true);
    }
  } catch (e) {
    if (e.status !== 401) setStatus('report-status', 'Could not send the report: ' + e.message, true);
  } finally {
    $('report-submit').disabled = false;
  }
}

export function wireReport() {
  $('report-form').addEventListener('submit', submit);
}
