/**
 * The queue's light poll: while the tab is visible, every `data-poll` ms (15 s) it fetches the rows of
 * the same view and filters (`partial=rows`) and swaps them in when they changed, keeping the focused
 * ticket focused and announcing a change of tickets in the status line. A 401 (session ended) reloads the page,
 * which leads to the sign-in page.
 */
const ids = (body: Element) =>
  [...body.querySelectorAll<HTMLElement>('tr[data-ticket]')].map((r) => r.dataset.ticket).join();

export function startPoll(doc: Document): void {
  const status = doc.getElementById('queue-status');
  const every = Number(status?.dataset.poll);
  if (!status || !every) return;
  let inFlight = false;

  const refresh = async () => {
    if (inFlight || doc.visibilityState !== 'visible') return;
    inFlight = true;
    try {
      const url = new URL(location.href);
      url.searchParams.set('partial', 'rows');
      const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (res.status === 401) return location.reload();
      if (!res.ok) return;
      const tpl = doc.createElement('template');
      tpl.innerHTML = `<table>${await res.text()}</table>`;
      const fresh = tpl.content.querySelector('tbody');
      const current = doc.getElementById('queue-rows');
      if (!fresh || !current || fresh.innerHTML === current.innerHTML) return;
      const focused = (doc.activeElement as HTMLElement | null)?.closest('tr')?.dataset.ticket;
      const changed = ids(fresh) !== ids(current);
      current.replaceWith(fresh);
      if (focused) fresh.querySelector<HTMLElement>(`tr[data-ticket="${CSS.escape(focused)}"] a`)?.focus();
      // Times left change every minute; only a change of tickets is worth announcing.
      if (changed)
        status.textContent = (status.dataset.updated ?? '').replace('{n}', fresh.dataset.count ?? '0');
    } catch {
      // Offline for a moment: the next tick tries again.
    } finally {
      inFlight = false;
    }
  };

  setInterval(refresh, every);
  doc.addEventListener('visibilitychange', () => void refresh());
}
