import type { Locale } from '../shared/schema';
import type { MountPanel } from './bridge';
import { initLoader, type ScriptInfo } from './loader';

// The loader entry, built as a classic ES5 IIFE. currentScript is only set while this runs
// synchronously, and is missing in the oldest browsers: then the tag is found by its file name.
function findScript(): ScriptInfo | null {
  var all = document.querySelectorAll<HTMLScriptElement>('script[src*="/widget.js"]');
  return (document.currentScript as HTMLScriptElement | null) || all[all.length - 1] || null;
}

/** Runs a module script; the panel and strings chunks are ES modules, but this file must not say import(). */
function addModule(src: string): HTMLScriptElement {
  var el = document.createElement('script');
  el.type = 'module';
  el.src = src;
  document.head.appendChild(el);
  return el;
}

var script = findScript();
if (script && !(window.KinobiSupport && window.KinobiSupport.loaded)) {
  var base = script.src;
  var url = (name: string) => base.replace(/[^/]*([?#].*)?$/, '') + name;
  initLoader(
    script,
    window,
    (locale: Locale) =>
      new Promise<MountPanel>((resolve, reject) => {
        (window.KinobiSupport as { _panel?: (m: MountPanel) => void })._panel = resolve;
        // The panel imports this same URL itself; starting it now saves a round trip after the panel.
        addModule(url('strings-' + locale + '-' + __KINOBI_BUILD__ + '.js'));
        addModule(url('panel-' + __KINOBI_BUILD__ + '.js')).onerror = reject;
      }),
  );
}
