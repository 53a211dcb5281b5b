// Submits a knowledge check without a full page load; the server grades it exactly as for the plain form.
// It also records that a signed-in learner opened the lesson. A GET writes nothing, so the visit is a
// POST of the lesson's `opened` action (idempotent), sent at the page's first animation frame:
// browsers hold frames back while a tab is in the background (and may for any hidden document, as a
// prerendered one is), so the visit is sent when the page is shown. A lesson without a check ships
// no script at all; it is recorded when the learner marks it complete.
// Both posts go to '' (this page, the lesson), where the form posts too: `form.action` would be the
// form's `action` field, not its URL. Every byte counts against the lesson page's budget
// (`npm run bench -- courses`).
function enhance(section: HTMLElement, index?: number): void {
  const form = section.querySelector('form')!;
  // Only a signed-in learner's form has a submit button; a visitor's stays a plain form.
  const button = form.querySelector('button');
  if (!button) return;
  form.onsubmit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const response = await fetch('', { method: 'POST', body: new FormData(form) });
      const fresh = new DOMParser()
        .parseFromString(await response.text(), 'text/html')
        .querySelector<HTMLElement>('[data-knowledge-check]');
      if (!response.ok || !fresh) throw 0;
      history.replaceState(0, '', response.url);
      section.replaceWith(fresh);
      enhance(fresh);
      // The server renders the result with tabindex="-1", so focus can move to it.
      fresh.querySelector<HTMLElement>('[role=status]')?.focus();
    } catch {
      form.submit();
    }
  };
  // Once per page load (forEach passes index 0; a re-enhanced result passes none).
  if (index === 0)
    requestAnimationFrame(() =>
      fetch('', { method: 'POST', body: new URLSearchParams('action=opened') }),
    );
}

document.querySelectorAll<HTMLElement>('[data-knowledge-check]').forEach(enhance);
