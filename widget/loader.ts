import type { HostState, MountPanel, PanelController, WidgetOptions } from './bridge';
import { outboxKey } from './storage-keys';

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
}

// `:host>button` (the launcher is the shadow root's only top-level button) outranks the panel's
// general `button` rules, which load later and would otherwise restyle the launcher.
const LAUNCHER_CSS =
  ':host{all:initial!important}:host>button{position:fixed;bottom:20px;right:20px;z-index:2147483000;border:0;border-radius:24px;padding:12px 18px;font:600 15px/1 system-ui,sans-serif;color:#fff;background:#1d4ed8;box-shadow:0 2px 10px #0004;cursor:pointer}:host>button.left{right:auto;left:20px}:host>button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}';

/**
 * Reads the data- attributes into options, with the defaults the embed docs promise: data-locale,
 * else the page's lang; when neither names id or en, the browser language is a guess that the
 * tenant's locale overrides once the panel has its config.
 */
export function readOptions(script: ScriptInfo, pageLang: string, browserLang = ''): WidgetOptions {
  const d = script.dataset;
  const chosen = (d.locale || pageLang || '').toLowerCase();
  const guessed = !/^(id|en)\b/.test(chosen);
  return {
    key: d.key || '',
    api: (d.api || new URL(script.src).origin).replace(/\/+$/, ''),
    locale: (guessed ? browserLang.toLowerCase() : chosen).startsWith('id') ? 'id' : 'en',
    localeGuessed: guessed,
    position: d.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    label: d.label,
    hideLauncher: d.hideLauncher !== undefined && d.hideLauncher !== 'false',
  };
}

/** Boots the widget: launcher button, global API with stub-queue replay, lazy panel, error ring buffer. */
export function initLoader(
  script: ScriptInfo,
  win: Window,
  loadPanel: (locale: WidgetOptions['locale']) => Promise<MountPanel>,
): KinobiGlobal {
  const doc = win.document;
  const nav = win.navigator;
  const options = readOptions(script, doc.documentElement.lang, nav.language);
  const state: HostState = { identity: {}, context: {}, errors: [] };
  const listeners: ((ticket: unknown) => void)[] = [];
  const remember = (message: unknown) => {
    state.errors.push(String(message).slice(0, 500));
    if (state.errors.length > 10) state.errors.shift();
  };
  win.addEventListener('error', (e) => remember(e.message));
  win.addEventListener('unhandledrejection', (e) => remember(e.reason?.message ?? e.reason));

  const host = doc.createElement('div');
  host.setAttribute('data-kinobi-support', '');
  const root = host.attachShadow({ mode: 'open' });
  let launcher: HTMLButtonElement | null = null;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(LAUNCHER_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // very old engines: the button still works unstyled
  }
  let controller: Promise<PanelController> | undefined;
  const panel = () => {
    controller ||= loadPanel(options.locale).then((mount) =>
      mount({
        root,
        launcher,
        options,
        state,
        emit: (_e, t) => {
          for (const fn of listeners) fn(t);
        },
      }),
    );
    return controller;
  };
  const api: KinobiGlobal = {
    loaded: true,
    open: () => void panel().then((c) => c.open()),
    close: () => void controller?.then((c) => c.close()),
    identify: (identity) => void Object.assign(state.identity, identity),
    setContext: (context) => void Object.assign(state.context, context),
    on: (event, fn) => void (event === 'submitted' && listeners.push(fn)),
  };
  if (!options.hideLauncher) {
    launcher = doc.createElement('button');
    launcher.type = 'button';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.textContent = options.label || (options.locale === 'id' ? 'Bantuan' : 'Help');
    if (options.position === 'bottom-left') launcher.className = 'left';
    for (const intent of ['pointerenter', 'focus', 'touchstart']) {
      launcher.addEventListener(intent, () => void panel(), { passive: true });
    }
    launcher.addEventListener('click', api.open);
    root.appendChild(launcher);
  }
  const attach = () => doc.body.appendChild(host);
  doc.body ? attach() : doc.addEventListener('DOMContentLoaded', attach);

  const queued = win.KinobiSupport?.q || [];
  win.KinobiSupport = api;
  for (const [method, ...args] of queued) {
    const fn = api[method as 'open'] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn === 'function') fn(...args);
  }
  // An unsent ticket from an earlier visit: load the panel when the page is idle so it retries.
  let pending = false;
  try {
    pending = (win.localStorage.getItem(outboxKey(options.key)) || '[]') !== '[]';
  } catch {
    // storage blocked: nothing can be pending
  }
  if (pending) (win.requestIdleCallback || win.setTimeout)(() => void panel());
  return api;
}
