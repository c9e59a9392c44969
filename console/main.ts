// The console's one script (an island on server-rendered pages): keyboard shortcuts, the queue's light
// poll, canned replies and the print button. Every page works without it; it only adds speed.
import { isTyping, shortcutFor } from './keys';
import { startPoll } from './poll';

const page = document.body.dataset.page ?? '';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector);

/** Focuses the next (+1) or previous (-1) ticket link of the queue. */
function moveRow(step: 1 | -1): boolean {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('#queue-rows a.row-link')];
  if (links.length === 0) return false;
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next =
    at < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + step));
  links[next]?.focus();
  links[next]?.closest('tr')?.scrollIntoView({ block: 'nearest' });
  return true;
}

/** Focuses an element if the page has it. */
function focus(selector: string): boolean {
  const el = $(selector);
  el?.focus();
  return el !== null;
}

/** Starts the composer as a reply or a note. */
function compose(kind: 'reply' | 'note'): boolean {
  const radio = $<HTMLInputElement>(`#kind-${kind}`);
  if (radio) radio.checked = true;
  return focus('#composer-body');
}

/** Opens or closes the shortcut list in the footer. */
function toggleShortcuts(): boolean {
  const details = $<HTMLDetailsElement>('#shortcuts');
  if (!details) return false;
  details.open = !details.open;
  details.querySelector('summary')?.focus();
  if (details.open) details.scrollIntoView({ block: 'nearest' });
  return true;
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  if (isTyping(e.target)) {
    if (e.key === 'Escape') (e.target as HTMLElement).blur();
    return;
  }
  const action = shortcutFor(e.key);
  if (!action) return;
  // Each returns whether the key did something here (then the browser's own use of it is cancelled).
  const onTicket = page === 'ticket';
  const actions: Record<typeof action, () => boolean> = {
    next: () => page === 'queue' && moveRow(1),
    previous: () => page === 'queue' && moveRow(-1),
    search: () => {
      const q = $<HTMLInputElement>('#q');
      if (q) q.focus();
      else location.assign('/desk#q');
      return true;
    },
    help: toggleShortcuts,
    reply: () => onTicket && compose('reply'),
    note: () => onTicket && compose('note'),
    assign: () => onTicket && focus('#assign-select'),
    escalate: () => onTicket && focus('#escalate-team'),
  };
  if (actions[action]()) e.preventDefault();
});

// Canned replies go straight into the composer (without the script, the GET form reloads the page with it).
const cannedForm = $<HTMLFormElement>('.canned-form');
cannedForm?.addEventListener('submit', (e) => {
  const select = document.getElementById('canned') as HTMLSelectElement | null;
  const body = select?.selectedOptions[0]?.dataset.body;
  const area = $<HTMLTextAreaElement>('#composer-body');
  if (!body || !area) return;
  e.preventDefault();
  area.value = area.value.trim() ? `${area.value.trimEnd()}\n\n${body}` : body;
  area.focus();
});

const print = $<HTMLButtonElement>('[data-print]');
if (print) {
  print.hidden = false;
  print.addEventListener('click', () => window.print());
}

if (page === 'queue') startPoll(document);
if (location.hash === '#q') $<HTMLInputElement>('#q')?.focus();
