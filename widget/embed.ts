import type { Locale } from '../shared/schema';
import type { MountPanel } from './bridge';
import { initLoader } from './loader';

// The loader entry, built as a classic IIFE. currentScript is only set while this runs synchronously.
const script = document.currentScript as HTMLScriptElement | null;
if (script && !window.KinobiSupport?.loaded) {
  const url = (name: string) => new URL(name, script.src).href;
  initLoader(script, window, (locale: Locale) =>
    Promise.all([
      import(/* @vite-ignore */ url(__KINOBI_PANEL__)),
      // The panel imports this same URL itself; fetching it now saves a round trip after the panel.
      import(/* @vite-ignore */ url(__KINOBI_STRINGS__[locale])).catch(() => 0),
    ]).then(([m]: [{ mount: MountPanel }, unknown]) => m.mount),
  );
}
