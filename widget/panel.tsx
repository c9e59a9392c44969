import { render } from 'preact';
import type { Locale } from '../shared/schema';
import { App } from './App';
import { createApiClient } from './api';
import type { MountPanel } from './bridge';
import type { Strings } from './strings';
import css from './styles.css?inline';

/** A v4 UUID for the Idempotency-Key; randomUUID is missing outside secure contexts. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Each locale's strings are their own chunk; only the active one is fetched (the loader preloads it). */
const cache: Partial<Record<Locale, Strings>> = {};
const loadStrings = (locale: Locale): Strings | Promise<Strings> =>
  cache[locale] ??
  (locale === 'id' ? import('./locales/id') : import('./locales/en')).then((m) => {
    cache[locale] = m.strings;
    return m.strings;
  });

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
  let open = false;
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
        onSubmitted={(ticket) => host.emit('submitted', ticket)}
        onUnsent={(text) => badge(host.launcher, text)}
        loadStrings={loadStrings}
      />,
      container,
    );
  const close = () => {
    open = false;
    paint();
    host.launcher?.focus();
  };
  paint();
  return {
    open: () => {
      open = true;
      paint();
    },
    close,
  };
};
