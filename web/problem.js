// What a view shows when the API could not answer: what went wrong and a "Try again" button. A 503 (or 429)
// with Retry-After is not asked again sooner: the button waits, counting down, then tries by itself. Coming
// back online tries again at once.
import { element } from './dom.js';

const TICK_MS = 1000;

/**
 * Shows error in box (a container in the view) with a retry; returns a function that clears it.
 * what says what failed ("Could not load profiles"); retry is called with no arguments.
 */
export function showProblem(box, what, error, retry) {
  let timer = 0;
  const button = element('button', { type: 'button', class: 'secondary' }, 'Try again');
  // announced once; the countdown below it is not a live region (it would speak every second)
  const text = element('p', { role: 'alert' }, `${what}: ${error.message.replace(/\.$/, '')}.`);
  const wait = element('p', { class: 'wait' });
  const clear = () => {
    clearInterval(timer);
    window.removeEventListener('online', online);
    box.replaceChildren();
    box.hidden = true;
  };
  const again = () => {
    clear();
    retry();
  };
  const online = () => {
    if (!button.disabled) again();
  };
  button.addEventListener('click', again);
  window.addEventListener('online', online);
  box.replaceChildren(text, wait, button);
  box.hidden = false;
  let left = error.retryAfterSeconds;
  if (left > 0) {
    button.disabled = true;
    const tick = () => {
      if (left <= 0) {
        again();
        return;
      }
      wait.textContent = `The service asked us to wait; trying again in ${left} s.`;
      left--;
    };
    tick();
    timer = setInterval(tick, TICK_MS);
  }
  return clear;
}
