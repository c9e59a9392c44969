import type { HostContext, Locale, TicketCreated } from '../shared/schema';

/** Options the loader reads from the script tag's data- attributes. */
export interface WidgetOptions {
  key: string;
  api: string;
  locale: Locale;
  /** True when neither data-locale nor the page's lang named id or en: the tenant's locale wins then. */
  localeGuessed?: boolean;
  position: 'bottom-right' | 'bottom-left';
  label?: string;
  hideLauncher: boolean;
}

/**
 * What the host page told the widget through `identify`: a signed identity token (issue 9: HS256 JWT
 * from the host's server; its organisation's hours and targets apply), or the legacy userId/userHash.
 */
export interface Identity {
  token?: string;
  userId?: string;
  userHash?: string;
  name?: string;
  email?: string;
}

/** Host context as the host page passes it to `setContext` (page URL is added by the widget). */
export type HostContextInput = Omit<HostContext, 'pageUrl'>;

/** Shared, mutable state the loader keeps and the panel reads when it opens or submits. */
export interface HostState {
  identity: Identity;
  context: HostContextInput;
  /** Recent error messages on the host page (ring buffer, newest last). */
  errors: string[];
  /** Set by the panel; the loader calls it after `identify`, so the panel reloads the user's config. */
  changed?: () => void;
}

/** Everything the loader hands to the panel module; types only, so no code is shared. */
export interface PanelHost {
  root: ShadowRoot;
  launcher: HTMLElement | null;
  options: WidgetOptions;
  state: HostState;
  /** The host page's `on('submitted', fn)` listeners: the panel calls each with a created ticket. */
  listeners: ((ticket: TicketCreated) => void)[];
  /** Tells the loader the panel speaks `locale` now: the launcher follows. */
  setLocale?: (locale: Locale) => void;
  /** Tells the loader how many agent replies are unread now: the launcher's badge follows. */
  setUnread?: (n: number) => void;
}

/** What the panel module returns to the loader. */
export interface PanelController {
  /** Opens the panel; focus returns to `opener` (else the launcher) when it closes. */
  open: (opener?: Element | null) => void;
  close: () => void;
}

/** Seams for tests: fetch and clock; the loader passes none. */
export interface PanelDeps {
  fetch?: typeof fetch;
  now?: () => number;
}

/** The panel module's shape: one `mount` export. */
export type MountPanel = (host: PanelHost, deps?: PanelDeps) => PanelController;
