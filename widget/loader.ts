import type { HostState, MountPanel, PanelController, PanelHost, WidgetOptions } from './bridge';
import { localeKey, outboxKey, ticketsKey } from './storage-keys';

// Built for ES5 (esbuild, target es5): browsers below the supported floor must still parse this
// file to be offered the server-rendered form. esbuild lowers arrow functions; what it cannot lower
// (const, let, class) fails the build, hence `var`. No Object.assign, Promise, fetch or import()
// unless canRunPanel has said yes. Every byte here is loaded by every page view (budget 2,048 B
// gzip), so the launcher and the link below the floor share one code path.

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

/** The cheap count of unread agent replies (worker/routes/conversation.ts), for the launcher's badge. */
export var UNREAD_PATH = '/v1/widget/unread';

/** The fallback form's address for this widget key and language. */
export function fallbackUrl(o: Pick<WidgetOptions, 'api' | 'key' | 'locale'>): string {
  return o.api + FALLBACK_FORM_PATH + '?key=' + encodeURIComponent(o.key) + '&lang=' + o.locale;
}

var LABEL = { id: 'Bantuan', en: 'Help' };
/** What the launcher's accessible name adds for unread replies: "Bantuan, 2 balasan baru", "Help, 1 new reply" (en adds -y or -ies). */
var REPLIES = { id: 'balasan baru', en: 'new repl' };

// The launcher's look, the same for the link below the floor: set through CSSOM (style.cssText, not a
// style attribute), which applies under a CSP without 'unsafe-inline'; the side is added per position.
var LOOK =
  'position:fixed;bottom:20px;z-index:2147483000;padding:12px 18px;color:#fff;background:#1d4ed8;border:0;border-radius:24px;font:600 15px/1 system-ui,sans-serif;box-shadow:0 2px 10px #0004;cursor:pointer;';
// The shadow root's sheet: the focus ring is the panel's too; `.n` is the unread count.
var LAUNCHER_CSS =
  ':host{all:initial!important}:focus-visible{outline:3px solid #d97706;outline-offset:2px}.n:not(:empty){margin-left:4px;padding:2px 7px;border-radius:9px;background:#b91c1c}';

/**
 * Whether this browser can run the panel. Constructable stylesheets came last of what it needs
 * (Chrome 73, Firefox 101, Safari 16.4): an engine with them has shadow DOM, fetch and modules.
 */
export function canRunPanel(win: Window): boolean {
  return 'adoptedStyleSheets' in (win as unknown as { Document: typeof Document }).Document.prototype;
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
  var chosen = saved || d.locale || pageLang || '';
  var guessed = !/^(id|en)\b/i.test(chosen);
  return {
    key: d.key || '',
    api: (d.api || script.src.replace(/^([a-z]+:\/\/[^/]+).*$/i, '$1')).replace(/\/+$/, ''),
    locale: /^id/i.test((guessed ? browserLang : chosen) || '') ? 'id' : 'en',
    localeGuessed: guessed,
    position: d.position === 'bottom-left' ? d.position : 'bottom-right',
    label: d.label,
    hideLauncher: d.hideLauncher != null && d.hideLauncher !== 'false',
  };
}

/**
 * Boots the widget: the global API with stub-queue replay, and either the launcher in a shadow root
 * (lazy panel, error ring buffer, unread badge) or, below the floor, a link to the server-rendered form.
 */
export function initLoader(
  script: ScriptInfo,
  win: Window,
  loadPanel: (locale: WidgetOptions['locale']) => Promise<MountPanel>,
): KinobiGlobal {
  var doc = win.document;
  var options = readOptions(
    script,
    doc.documentElement.lang,
    win.navigator.language,
    stored(win, localeKey(script.dataset.key || '')),
  );
  var modern = canRunPanel(win);
  var state: HostState = { identity: {}, context: {}, errors: [] };
  var errors = state.errors;
  var listeners: PanelHost['listeners'] = [];
  var queued = (win.KinobiSupport && win.KinobiSupport.q) || [];
  var launcher: HTMLElement | null = null;
  var label = doc.createTextNode('');
  /** The unread replies' count, shown beside the label and read as part of the button's name. */
  var count = doc.createElement('span');
  var unread = 0;
  var relabel = () => {
    var text = options.label || LABEL[options.locale];
    label.nodeValue = text;
    // The space keeps "Bantuan 2" apart as words: the visible text must be part of the button's name
    // (WCAG 2.5.3, axe label-content-name-mismatch), which the aria-label below gives in words.
    count.textContent = unread ? ' ' + unread : '';
    if (launcher)
      unread
        ? launcher.setAttribute(
            'aria-label',
            text +
              ', ' +
              unread +
              ' ' +
              REPLIES[options.locale] +
              (options.locale === 'en' ? (unread > 1 ? 'ies' : 'y') : ''),
          )
        : launcher.removeAttribute('aria-label');
  };
  /** The panel calls this after reading the user's requests: the badge drops as replies are seen. */
  var setUnread = (n: number) => {
    unread = +n || 0;
    relabel();
  };
  var host = doc.createElement(modern ? 'div' : 'a');
  host.dataset.kinobiSupport = ''; // [data-kinobi-support]
  var root: ShadowRoot;
  var controller: Promise<PanelController> | undefined;
  var panel = () =>
    (controller =
      controller ||
      loadPanel(options.locale).then((mount) =>
        mount({
          root: root,
          launcher: launcher,
          options: options,
          state: state,
          /** One language for launcher and panel: the panel calls this when it speaks another one. */
          setLocale: (locale) => {
            options.locale = locale;
            relabel();
          },
          setUnread: setUnread,
          listeners: listeners,
        }),
      ));
  var api: KinobiGlobal = {
    loaded: true,
    open: () => {
      // Whatever had focus opened the panel (the launcher, or the host's own button): it gets focus back.
      var opener = doc.activeElement;
      modern
        ? panel().then((c) => {
            c.open(opener === host ? launcher : opener);
          })
        : win.open(fallbackUrl(options), '_blank');
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
    setContext: (context) => {
      for (var k in context)
        (state.context as Record<string, unknown>)[k] = (context as Record<string, unknown>)[k];
    },
    on: (event, fn) => {
      if (event === 'submitted') listeners.push(fn as PanelHost['listeners'][number]);
    },
  };
  win.KinobiSupport = api;

  if (modern) {
    // The page's last 10 error messages (an unhandled rejection's Error reads as "Error: message").
    ['error', 'unhandledrejection'].forEach((type) => {
      win.addEventListener(type, (e) => {
        errors.push(String((e as PromiseRejectionEvent).reason || (e as ErrorEvent).message).slice(0, 500));
        if (errors.length > 10) errors.shift();
      });
    });
    root = host.attachShadow({ mode: 'open' });
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(LAUNCHER_CSS);
    root.adoptedStyleSheets = [sheet];
    if (!options.hideLauncher) {
      launcher = root.appendChild(doc.createElement('button'));
      launcher.setAttribute('aria-haspopup', 'dialog');
      launcher.appendChild(label);
      // the button's aria-label reads the count in words while there is one
      count.className = 'n';
      launcher.appendChild(count);
      // Intent: a pointer over it (a touch too: every browser above the floor has pointer events), or focus.
      ['pointerenter', 'focus'].forEach((intent) => {
        (launcher as HTMLElement).addEventListener(intent, panel);
      });
      launcher.addEventListener('click', api.open);
    }
    // Replies the user has not seen yet, counted once at load without the panel (issue 13), for the
    // tickets this device holds. widget/tickets.ts keeps them as JSON `{"<uuid>":"<hex token>",...}`:
    // without its braces and quotes that is the X-Ticket-Tokens header, `id:token,...` (no JSON.parse
    // and loop here; the API ignores a malformed entry).
    var held = stored(win, ticketsKey(options.key)).replace(/[{}"]/g, '');
    if (held)
      win
        .fetch(options.api + UNREAD_PATH, {
          headers: { 'X-Kinobi-Key': options.key, 'X-Ticket-Tokens': held },
        })
        .then((r) => r.json())
        .then((b) => setUnread((b as { unread: number }).unread)) // an error body has none: 0
        .catch(() => {}); // offline or blocked: no badge
    // An unsent ticket from an earlier visit: load the panel when the page is idle so it retries.
    if (stored(win, outboxKey(options.key)).length > 2) (win.requestIdleCallback || win.setTimeout)(panel); // not '[]'
  } else if (!options.hideLauncher) {
    // Below the floor: a plain link to the server-rendered form.
    (host as HTMLAnchorElement).href = fallbackUrl(options);
    host.appendChild(label);
    launcher = host;
  }
  if (launcher)
    launcher.style.cssText = LOOK + (options.position === 'bottom-left' ? 'left' : 'right') + ':20px';
  relabel();
  if (modern || launcher) {
    var add = () => doc.body.appendChild(host);
    doc.body ? add() : doc.addEventListener('DOMContentLoaded', add);
  }
  queued.forEach((call) => {
    var fn = api[call[0] as 'open'] as ((...a: unknown[]) => void) | undefined;
    if (typeof fn === 'function') fn.apply(api, call.slice(1));
  });
  return api;
}
