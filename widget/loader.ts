import type { HostState, MountPanel, PanelController, WidgetOptions } from './bridge';
import { localeKey, outboxKey } from './storage-keys';

// Built for ES5 (esbuild, target es5): browsers below the supported floor must still parse this
// file to be offered the server-rendered form. esbuild lowers arrow functions; what it cannot lower
// (const, let, class) fails the build, hence `var`. No Object.assign, Promise or import() before
// canRunPanel has said yes.

/** The script tag's parts the loader reads; in happy-dom there is no currentScript, so tests pass one. */
export interface ScriptInfo {
  src: string;
  dataset: Record<string, string | undefined>;
}

/** The global host pages call; calls made before load sit in `q` as [method, ...args]. */
export interface KinobiGlobal {
  q?: unknown[][];
  /** Set by the real loader, so a second copy of the script tag does nothing. */
  loaded?: true;
  open: () => void;
  close: () => void;
  identify: (identity: HostState['identity']) => void;
  setContext: (context: HostState['context']) => void;
  on: (event: 'submitted', fn: (ticket: unknown) => void) => void;
  /** Called by the panel module when it has run (it is loaded as a module script, not import()). */
  _panel?: (mount: MountPanel) => void;
}

/** The no-JavaScript request form on the worker, for browsers below the supported floor. */
export var FALLBACK_FORM_PATH = '/v1/forms/request';

/** The fallback form's address for this widget key and language. */
export function fallbackUrl(o: Pick<WidgetOptions, 'api' | 'key' | 'locale'>): string {
  return o.api + FALLBACK_FORM_PATH + '?key=' + encodeURIComponent(o.key) + '&lang=' + o.locale;
}

var LABEL = { id: 'Bantuan', en: 'Help' };

// `:host>button` (the launcher is the shadow root's only top-level button) outranks the panel's
// general `button` rules, which load later and would otherwise restyle the launcher.
var LAUNCHER_CSS =
  ':host{all:initial!important}:host>button{position:fixed;bottom:20px;right:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;font:600 15px/1 system-ui,sans-serif;color:#fff;background:#1d4ed8;box-shadow:0 2px 10px #0004;cursor:pointer}:host>button.left{right:auto;left:20px}:host>button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}';

/**
 * Whether this browser can run the panel. Constructable stylesheets came last of what it needs
 * (Chrome 73, Firefox 101, Safari 16.4): an engine with them has shadow DOM, fetch and modules.
 */
export function canRunPanel(win: Window): boolean {
  var D = (win as unknown as { Document?: { prototype: object } }).Document;
  return !!D && 'adoptedStyleSheets' in D.prototype;
}

/** Appends `el` to the body, now or once the document has one. */
function addToBody(doc: Document, el: Element): void {
  var add = () => doc.body.appendChild(el);
  doc.body ? add() : doc.addEventListener('DOMContentLoaded', add);
}

/** Copies the own fields of `from` into `to` (Object.assign is missing in the oldest browsers). */
function assign(to: object, from: object): void {
  for (var k in from) (to as Record<string, unknown>)[k] = (from as Record<string, unknown>)[k];
}

function stored(win: Window, key: string): string {
  try {
    return win.localStorage.getItem(key) || '';
  } catch (_e) {
    return ''; // storage blocked
  }
}

/**
 * Reads the data- attributes into options, with the defaults the embed docs promise. The language
 * is the one the user chose in the panel before (`saved`), else data-locale, else the page's lang;
 * when none names id or en, the browser language is a guess that the tenant's locale overrides.
 */
export function readOptions(
  script: ScriptInfo,
  pageLang: string,
  browserLang?: string,
  saved?: string,
): WidgetOptions {
  var d = script.dataset;
  var chosen = (saved || d.locale || pageLang || '').toLowerCase();
  var guessed = !/^(id|en)\b/.test(chosen);
  var api = d.api || script.src.replace(/^([a-z]+:\/\/[^/]+).*$/i, '$1');
  return {
    key: d.key || '',
    api: api.replace(/\/+$/, ''),
    locale: (guessed ? (browserLang || '').toLowerCase() : chosen).indexOf('id') === 0 ? 'id' : 'en',
    localeGuessed: guessed,
    position: d.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    label: d.label,
    hideLauncher: d.hideLauncher !== undefined && d.hideLauncher !== 'false',
  };
}

/** Below the floor: a plain link to the server-rendered form instead of the launcher and panel. */
function fallback(win: Window, options: WidgetOptions): KinobiGlobal {
  var doc = win.document;
  var url = fallbackUrl(options);
  var noop = () => {};
  var api: KinobiGlobal = {
    loaded: true,
    open: () => {
      win.open(url, '_blank');
    },
    close: noop,
    identify: noop,
    setContext: noop,
    on: noop,
  };
  if (!options.hideLauncher) {
    var a = doc.createElement('a');
    a.href = url;
    a.setAttribute('data-kinobi-support', '');
    a.appendChild(doc.createTextNode(options.label || LABEL[options.locale]));
    // CSSOM (style.cssText), not a style attribute: it applies under a CSP without 'unsafe-inline'.
    a.style.cssText =
      'position:fixed;bottom:20px;z-index:2147483000;padding:12px 18px;background:#1d4ed8;color:#fff;' +
      (options.position === 'bottom-left' ? 'left' : 'right') +
      ':20px';
    addToBody(doc, a);
  }
  return api;
}

/** Boots the widget: launcher button, global API with stub-queue replay, lazy panel, error ring buffer. */
export function initLoader(
  script: ScriptInfo,
  win: Window,
  loadPanel: (locale: WidgetOptions['locale']) => Promise<MountPanel>,
): KinobiGlobal {
  var doc = win.document;
  var key = script.dataset.key || '';
  var options = readOptions(
    script,
    doc.documentElement.lang,
    win.navigator.language,
    stored(win, localeKey(key)),
  );
  var queued = (win.KinobiSupport && win.KinobiSupport.q) || [];
  var api = canRunPanel(win) ? modern(win, options, loadPanel) : fallback(win, options);
  win.KinobiSupport = api;
  queued.forEach((call) => {
    var fn = api[call[0] as 'open'] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn === 'function') fn.apply(api, call.slice(1));
  });
  return api;
}

function modern(
  win: Window,
  options: WidgetOptions,
  loadPanel: (locale: WidgetOptions['locale']) => Promise<MountPanel>,
): KinobiGlobal {
  var doc = win.document;
  var state: HostState = { identity: {}, context: {}, errors: [] };
  var listeners: ((ticket: unknown) => void)[] = [];
  var remember = (message: unknown) => {
    state.errors.push(String(message).slice(0, 500));
    if (state.errors.length > 10) state.errors.shift();
  };
  win.addEventListener('error', (e) => {
    remember(e.message);
  });
  win.addEventListener('unhandledrejection', (e) => {
    remember(e.reason); // an Error reads as "Error: message"
  });

  var host = doc.createElement('div');
  host.setAttribute('data-kinobi-support', '');
  var root = host.attachShadow({ mode: 'open' });
  var sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];
  var launcher: HTMLButtonElement | null = null;
  var label = doc.createTextNode('');
  /** One language for launcher and panel: the panel calls this when it speaks another one. */
  var setLocale = (locale: WidgetOptions['locale']) => {
    options.locale = locale;
    label.nodeValue = options.label || LABEL[locale];
  };
  setLocale(options.locale);
  var controller: Promise<PanelController> | undefined;
  var panel = () => {
    controller =
      controller ||
      loadPanel(options.locale).then((mount) =>
        mount({
          root: root,
          launcher: launcher,
          options: options,
          state: state,
          setLocale: setLocale,
          emit: (_e, t) => {
            listeners.forEach((fn) => {
              fn(t);
            });
          },
        }),
      );
    return controller;
  };
  var api: KinobiGlobal = {
    loaded: true,
    open: () => {
      // Whatever had focus opened the panel (the launcher, or the host's own button): it gets focus back.
      var opener = doc.activeElement;
      panel().then((c) => {
        c.open(opener === host ? launcher : opener);
      });
    },
    close: () => {
      if (controller)
        controller.then((c) => {
          c.close();
        });
    },
    // The current user, replacing the previous one (a new token, or anonymous with {}).
    identify: (identity) => {
      state.identity = identity || {};
      if (state.changed) state.changed();
    },
    setContext: (context) => assign(state.context, context),
    on: (event, fn) => {
      if (event === 'submitted') listeners.push(fn);
    },
  };
  if (!options.hideLauncher) {
    launcher = doc.createElement('button');
    launcher.type = 'button';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.appendChild(label);
    if (options.position === 'bottom-left') launcher.className = 'left';
    ['pointerenter', 'focus', 'touchstart'].forEach((intent) => {
      (launcher as HTMLButtonElement).addEventListener(intent, panel, { passive: true });
    });
    launcher.addEventListener('click', api.open);
    root.appendChild(launcher);
  }
  addToBody(doc, host);

  // An unsent ticket from an earlier visit: load the panel when the page is idle so it retries.
  if ((stored(win, outboxKey(options.key)) || '[]') !== '[]')
    (win.requestIdleCallback || win.setTimeout)(panel);
  return api;
}
