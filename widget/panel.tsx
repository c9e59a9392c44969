import { render } from 'preact';
import { App } from './App';
import { createApiClient } from './api';
import type { MountPanel } from './bridge';
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
