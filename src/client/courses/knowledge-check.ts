// Submits a knowledge check without a full page load; the server grades it exactly as for the plain form.
function enhance(section: HTMLElement): void {
  const form = section.querySelector('form');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    try {
      const response = await fetch(form.action, { method: 'POST', body: new FormData(form) });
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector<HTMLElement>('[data-knowledge-check]');
      if (!response.ok || !fresh) throw new Error(String(response.status));
      history.replaceState(null, '', response.url);
      section.replaceWith(fresh);
      enhance(fresh);
      const status = fresh.querySelector<HTMLElement>('[role=status]');
      status?.setAttribute('tabindex', '-1');
      status?.focus();
    } catch {
      form.submit();
    }
  });
}

document.querySelectorAll<HTMLElement>('[data-knowledge-check]').forEach(enhance);
