import { render } from 'preact';
import type { Locale } from '../shared/schema';
import { App } from './App';
import { createApiClient } from './api';
import type { MountPanel } from './bridge';
import { localeKey } from './storage-keys';
import type { Strings } from './strings';
import css from './styles.css?inline';

/**
 * A fresh Idempotency-Key (the API takes any 1–128 characters): a v4 UUID, or outside secure contexts,
 * where randomUUID is missing, 128 random bits in hex.
 */
export function newId(): string {
  return (
    crypto.randomUUID?.() ??
    [...crypto.getRandomValues(new Uint8Array(16))].map((x) => (x + 256).toString(16).slice(1)).join('')
  );
}

/** Each locale's strings are their own chunk; only the active one is fetched (the loader preloads it). */
const cache: Partial<Record<Locale, Strings>> = {};
const loadStrings = (locale: Locale): Strings | Promise<Strings> =>
  cache[locale] ??
  (locale === 'id' ? import('./locales/id') : import('./locales/en')).then((m) => {
    cache[locale] = m.strings;
    return m.strings;
  });

/** Remembers the language the user chose; storage failures leave it to this page. */
function saveLocale(key: string, locale: Locale): void {
  try {
    localStorage.setItem(localeKey(key), locale);
  } catch {
    // private mode or blocked storage
  }
}

/** Shows (text) or removes ('') the unsent-request dot on the launcher, which the loader owns. */
function badge(launcher: HTMLElement | null, text: string): void {
  let dot = launcher?.querySelector('.k-unsent');
  if (!text || !launcher) {
    dot?.remove();
    return;
  }
  dot ||= launcher.appendChild(document.createElement('span'));
  dot.className = 'k-unsent';
  dot.textContent = ` (${text})`; // read after the label: "Help (A support request ...)"
}

/** Mounts the panel into the loader's shadow root; the loader calls this once, on intent. */
export const mount: MountPanel = (host, deps = {}) => {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, sheet];
  } catch {
    // no constructable stylesheets: the panel stays usable unstyled
  }
  const container = document.createElement('div');
  host.root.appendChild(container);
  const api = createApiClient(host.options.api, host.options.key, deps.fetch);
  const page = document.documentElement.style;
  let open = false;
  let opener: Element | null | undefined;
  let overflow = '';
  const paint = () =>
    render(
      <App
        api={api}
        options={host.options}
        state={host.state}
        win={window}
        now={deps.now ?? Date.now}
        newId={newId}
        open={open}
        onClose={close}
        onSubmitted={(ticket) => {
          for (const fn of host.listeners) fn(ticket);
        }}
        onUnsent={(text) => badge(host.launcher, text)}
        onUnread={host.setUnread}
        onLocale={(locale, chosen) => {
          host.setLocale?.(locale);
          // the loader reads the choice on the next page load, for the launcher too
          if (chosen) saveLocale(host.options.key, locale);
        }}
        loadStrings={loadStrings}
      />,
      container,
    );
  // identify() again (another user, or none): the panel asks for that user's config and targets
  host.state.changed = paint;
  const close = () => {
    if (!open) return;
    open = false;
    page.overflow = overflow;
    paint();
    // Back to whatever opened the panel (the host's own button too), else the launcher.
    const back = opener?.isConnected && opener !== document.body ? opener : host.launcher;
    (back as HTMLElement | null)?.focus();
  };
  paint();
  return {
    open: (from) => {
      if (open) return;
      open = true;
      opener = from;
      // A modal sheet: the host page must not scroll behind it (a property style, allowed by CSP).
      overflow = page.overflow;
      page.overflow = 'hidden';
      paint();
    },
    close,
  };
};

// The loader runs this file as a module script and waits for this call.
window.KinobiSupport?._panel?.(mount);
