import type { MountPanel } from './bridge';
import { initLoader } from './loader';

// The loader entry, built as a classic IIFE. currentScript is only set while this runs synchronously.
const script = document.currentScript as HTMLScriptElement | null;
if (script && !window.KinobiSupport?.loaded) {
  const panelUrl = new URL(__KINOBI_PANEL__, script.src).href;
  initLoader(script, window, () =>
    import(/* @vite-ignore */ panelUrl).then((m: { mount: MountPanel }) => m.mount),
  );
}
