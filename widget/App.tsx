import { Component, type ComponentChildren, createRef } from 'preact';
import { reportFindings } from '../shared/environment';
import type {
  EnvironmentReport,
  HostContext,
  Locale,
  ResponseTargets,
  TicketCreated,
  TicketCreateInput,
} from '../shared/schema';
import { severityOf } from '../shared/severity';
import type { ApiClient, WidgetConfig } from './api';
import type { HostState, WidgetOptions } from './bridge';
import { Dialog } from './components/Dialog';
import { ResponseTime, responseLines } from './components/ResponseTime';
import { Result } from './components/Result';
import { Review } from './components/Review';
import { SeverityNote } from './components/SeverityNote';
import { StepContact } from './components/StepContact';
import { StepImpact } from './components/StepImpact';
import { StepWhat } from './components/StepWhat';
import type { Requests as RequestsView } from './conversation/Requests';
import { type Draft, emptyDraft, loadDraft, saveDraft } from './draft';
import { collectEnvironment, type EnvSource, redactUrl } from './environment';
import { fill } from './fill';
import { ownerOf, tokenContact } from './identity';
import { type LastResult, loadResult, saveResult, toResult } from './last-result';
import { type Loaded, PATHS, type PathName, pathParts } from './paths';
import { createOutbox, isBlocked } from './queue';
import { createSender, type SendState } from './sender';
import { draftKey, outboxKey, resultKey, ticketsKey } from './storage-keys';
import type { Strings } from './strings';
import { keepTicket, readTickets } from './tickets';
import { type FieldErrors, type StepId, stepOf, stepsFor, validateStep } from './validate';

/** Loads one locale's strings: synchronously when the panel already has them, else as a chunk. */
export type LoadStrings = (locale: Locale) => Strings | Promise<Strings>;

/** Everything the panel needs from outside, passed in so tests can supply fakes. */
export interface AppProps {
  api: ApiClient;
  options: WidgetOptions;
  state: HostState;
  win: EnvSource & Pick<Window, 'addEventListener' | 'removeEventListener' | 'setTimeout' | 'clearTimeout'>;
  now: () => number;
  newId: () => string;
  open: boolean;
  onClose: () => void;
  onSubmitted: (ticket: TicketCreated) => void;
  /** Told a short text while a request has given up sending ('' once none has), for the launcher badge. */
  onUnsent?: (text: string) => void;
  /** Told the unread agent replies once "My requests" has counted them, for the launcher's badge. */
  onUnread?: (n: number) => void;
  /** Told the language the panel speaks, so the launcher speaks it too; `chosen` when the user switched. */
  onLocale?: (locale: Locale, chosen: boolean) => void;
  /** The strings of a locale; the panel loads only the active locale's chunk. */
  loadStrings: LoadStrings;
  /** The user's IANA time zone; defaults to the browser's. */
  timeZone?: string;
}

const pickContext = (c: HostState['context'], pageUrl: string): HostContext => {
  const { appVersion, account, deployment, feature, features } = c;
  return { appVersion, account, deployment, feature, features, pageUrl };
};

const IDLE: SendState = { kind: 'idle' };

interface AppState {
  /** GET /v1/widget/config and the response targets: undefined while asked, null when failed. */
  config?: WidgetConfig | null;
  targets?: ResponseTargets | null;
  /** The server's Date header and the local time it was seen at, for the clock-skew check. */
  clock: { serverDate?: number; at: number };
  /** The config request's status when it failed: 401/403 say the form is not available on this site. */
  status: number;
  /** The language the user switched to, if any. */
  chosen?: Locale;
  /** Each locale's strings once loaded. */
  loaded: Partial<Record<Locale, Strings>>;
  /** The rare paths' chunks once loaded (widget/paths.ts). */
  paths: Partial<Record<PathName, Loaded>>;
  typed: Draft;
  result?: LastResult;
  stepIndex: number;
  errors: FieldErrors;
  general: string;
  /** What the live region says. */
  live: string;
  send: SendState;
  /** "My requests": shown while `requests`, with the conversation chunk's component once loaded. */
  requests: boolean;
  Requests?: typeof RequestsView;
  /** The user opened the review's details of what is collected. */
  collected?: boolean;
}

/**
 * The support panel: a guided form in a dialog, sending through the outbox. Step changes and errors
 * are announced in a live region; focus goes to the step's heading or to the first invalid field.
 * A class, not hooks: the panel then ships no hooks library (~1 KB gzip of issue 12's weight); the
 * conversation chunk, which uses hooks, carries them itself.
 */
export class App extends Component<AppProps, AppState> {
  /** What to focus after the next render: the heading, or the first invalid field. */
  focusNext = 'h3';
  root = createRef<HTMLDivElement>();
  /** The identity token the config and targets were asked for ('' for none); another user's asks again. */
  asked?: string;
  /** The strings shown while another locale's load (so switching language keeps the panel and its focus). */
  last?: Strings;
  /** The environment report the last render showed. */
  shown?: EnvironmentReport;
  /** The words the last render used: the locale's and the rare paths' loaded so far. */
  words?: Strings;
  /** Chunks asked for, so each is imported once. */
  asking = new Set<string>();
  /** What the effects below last saw, to act on changes only. */
  seen: { unsent?: string; locale?: Locale; kind?: string; number?: number; open?: boolean } = {};
  outbox = createOutbox(this.props.win.localStorage, outboxKey(this.props.options.key));
  sender = createSender({
    api: this.props.api,
    outbox: this.outbox,
    now: this.props.now,
    online: () => this.props.win.navigator.onLine !== false,
    win: this.props.win,
    // Also for a request sent later from the outbox: its number is shown and announced.
    onSent: (ticket, body) => {
      const { options, win } = this.props;
      // the user it was sent as (a queued request may be sent after another one has signed in)
      const who = ownerOf(body.identity);
      keepTicket(win.localStorage, ticketsKey(options.key), ticket.id, ticket.accessToken, who);
      this.setResult(toResult(ticket, body, who));
      this.focusNext = 'h3';
      this.props.onSubmitted(ticket);
    },
    onState: (send) => this.setState({ send }),
  });

  constructor(p: AppProps) {
    super(p);
    const storage = p.win.localStorage;
    this.state = {
      clock: { at: p.now() },
      status: 0,
      loaded: {},
      paths: {},
      typed: loadDraft(storage, draftKey(p.options.key), p.state.identity),
      result: loadResult(storage, resultKey(p.options.key)),
      stepIndex: 0,
      errors: {},
      general: '',
      live: '',
      send: IDLE,
      requests: false,
    };
  }

  setResult(r: LastResult | undefined): void {
    saveResult(this.props.win.localStorage, resultKey(this.props.options.key), r);
    this.setState({ result: r });
  }

  announce = (text: string): void =>
    this.setState((st) => ({ live: st.live === text ? `${text}\u00a0` : text }));

  /** The user's IANA zone, which the server words the due and opening times in (WIB when unknown). */
  timeZone = (): string | undefined =>
    this.props.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone;

  /** The values every render and every effect derive from props and state. */
  derive() {
    const p = this.props;
    const st = this.state;
    const token = p.state.identity.token;
    // Without data-locale or a page language we know, the tenant's locale decides, until the user picks.
    const locale = st.chosen || (p.options.localeGuessed && st.config?.tenant?.locale) || p.options.locale;
    const got = st.loaded[locale] ?? p.loadStrings(locale);
    if (!(got instanceof Promise)) this.last = got;
    // A signed identity decides the contact (the server takes it from the token): shown, not editable,
    // and never saved into the draft, which another user of this browser may continue.
    const vouched = tokenContact(token);
    const draft = vouched ? { ...st.typed, ...vouched } : st.typed;
    // the saved result is its sender's only: another user of this browser starts with the form
    const who = ownerOf(p.state.identity);
    const result = st.result?.who === who ? st.result : undefined;
    return { token, locale, got, base: this.last, vouched, draft, who, result };
  }

  override componentDidMount(): void {
    this.sender.start();
    this.effects();
  }

  override componentDidUpdate(): void {
    this.effects();
  }

  override componentWillUnmount(): void {
    this.sender.stop();
  }

  /** After each render: load what is needed, tell the host, announce, move focus. */
  effects(): void {
    const p = this.props;
    const st = this.state;
    const { token, locale, got, base, draft, result } = this.derive();
    // the config and targets, in parallel, the first time the panel opens and for each new user
    if (p.open && this.asked !== (token ?? '')) {
      const asked = token ?? '';
      this.asked = asked;
      // answers to an earlier user's requests are dropped
      const mine = () => this.asked === asked;
      void p.api.config(token, this.timeZone()).then((r) => {
        if (mine()) this.setState({ config: r.ok && r.data ? r.data : null, status: r.ok ? 0 : r.status });
      });
      void p.api.targets(new Date(p.now()), token, this.timeZone()).then((r) => {
        if (mine())
          this.setState({ targets: r.ok ? r.data : null, clock: { serverDate: r.serverDate, at: p.now() } });
      });
    }
    if (got instanceof Promise && !this.asking.has(locale)) {
      this.asking.add(locale);
      got.then(
        (s) => this.setState((old) => ({ loaded: { ...old.loaded, [locale]: s } })),
        () => this.asking.delete(locale), // a chunk that failed to load: the launcher stays, the panel cannot open
      );
    }
    for (const name of this.needed(draft, result)) {
      if (st.paths[name] || this.asking.has(name)) continue;
      this.asking.add(name);
      PATHS[name]().then(
        (m) => this.setState((old) => ({ paths: { ...old.paths, [name]: m } })),
        () => this.asking.delete(name), // offline: the path's parts stay out; the form still works
      );
    }
    const seen = this.seen;
    const kind = st.send.kind;
    const s = this.words;
    const unsent = base && (kind === 'failed' || kind === 'blocked') ? base.unsentBadge : '';
    if (unsent !== seen.unsent) {
      seen.unsent = unsent;
      p.onUnsent?.(unsent);
    }
    if (locale !== seen.locale) {
      seen.locale = locale;
      p.onLocale?.(locale, !!st.chosen);
    }
    if (p.open && !seen.open) this.focusNext = 'h3';
    seen.open = p.open;
    // Focus moves in the same frame as the step or the errors appear.
    const el = this.focusNext && this.root.current?.querySelector<HTMLElement>(this.focusNext);
    if (el) {
      this.focusNext = '';
      (el.querySelector('input') ?? el).focus();
    }
    if (!s) return;
    // A new state is announced after it has painted, not in the same frame as the screen it names.
    const later = (text: string) => setTimeout(() => this.announce(text));
    // a site refused (401/403) is announced once its words' chunk has come
    if (kind !== seen.kind && (kind !== 'blocked' || s.blockedTitle)) {
      seen.kind = kind;
      if (kind === 'queued' || kind === 'failed' || kind === 'blocked')
        later(`${s[`${kind}Title`]}. ${s[`${kind}Text`]}`);
      if (st.send.kind === 'rejected') this.rejected(st.send.outcome, s, draft, locale);
    }
    if (result?.number !== seen.number) {
      seen.number = result?.number;
      if (result) later(`${s.sentTitle}. ${fill(s.ticketNumber, { number: result.number })}`);
    }
  }

  /** The rare paths this request is on (widget/paths.ts). */
  needed(draft: Draft, result: LastResult | undefined): PathName[] {
    const { config, status, send } = this.state;
    // the report this render showed (collecting it again would probe storage again)
    const report = this.shown ?? this.report();
    const probes = reportFindings(report);
    const supported = !(config?.environment?.reasons?.length || probes.reasons.length);
    return [
      (draft.category === 'security_incident' || result?.category === 'security_incident') && 'security',
      draft.category === 'professional_services' && 'services',
      (!supported || probes.warnings.length > 0) && 'environment',
      this.state.collected && 'collected',
      (isBlocked(status) || send.kind === 'blocked') && 'blocked',
    ].filter((n): n is PathName => !!n);
  }

  report() {
    const { win, state } = this.props;
    const { clock, config } = this.state;
    return collectEnvironment(win, {
      errors: state.errors,
      serverDate: clock.serverDate,
      now: clock.at,
      detected: config?.environment,
    });
  }

  /** The API refused the request: its field errors, localised by code, on the earliest step holding one. */
  rejected(
    outcome: Extract<SendState, { kind: 'rejected' }>['outcome'],
    words: Strings,
    draft: Draft,
    locale: Locale,
  ): void {
    const res = outcome.result;
    this.setState({ send: IDLE });
    // The server's field errors: a rare path, so its own chunk (server-errors.ts); without it, the code.
    void import('./server-errors')
      .then(
        (m) => m.refusal(res, words, locale, stepsFor(draft.category)),
        () => ({
          errors: {},
          general: fill(words.rejected, { code: res.error?.code ?? res.status }),
          at: -1,
        }),
      )
      .then(({ errors, general, at }) => {
        this.setState({ errors, general });
        this.announce(general);
        if (at >= 0) {
          this.setState({ stepIndex: at });
          this.focusNext = '[aria-invalid="true"]';
        }
      });
  }

  render() {
    const p = this.props;
    const st = this.state;
    const { options, state, win } = p;
    const { token, locale, base, vouched, draft, who, result } = this.derive();
    const { config, targets, status, errors, general, requests, Requests } = st;
    const storage = win.localStorage;
    const announce = this.announce;
    const clearDraft = () => {
      saveDraft(storage, draftKey(options.key), null);
      this.setState({ typed: emptyDraft(state.identity), stepIndex: 0 });
    };
    const set = (patch: Partial<Draft>) => {
      const next = { ...this.state.typed, ...patch };
      const was = this.state.errors;
      if (Object.keys(patch).some((k) => k in was)) {
        this.setState({ errors: Object.fromEntries(Object.entries(was).filter(([k]) => !(k in patch))) });
      }
      this.setState({ typed: next });
      saveDraft(storage, draftKey(options.key), next);
    };
    const steps = stepsFor(draft.category);
    const step = steps[Math.min(st.stepIndex, steps.length - 1)] ?? 'what';
    const n = steps.indexOf(step);
    const { affected, workaround } = draft;
    const impact =
      draft.category === 'problem' && affected && workaround ? { affected, workaround } : undefined;
    const severity = severityOf({ category: draft.category, impact });
    const report = this.report();
    this.shown = report;
    const context = pickContext(state.context, redactUrl(win.location?.href ?? ''));
    // The browser's verdict is the server's (from this browser's User-Agent); the probes are ours.
    const probes = reportFindings(report);
    const reasons = [...(config?.environment?.reasons ?? []), ...probes.reasons];
    const verdict = { supported: !reasons.length, reasons, warnings: probes.warnings };
    const [extra, parts] = pathParts(st.paths, locale);
    const s = base && { ...base, ...extra };
    this.words = s;
    const region = (
      <p class="sr" role="status">
        {st.live}
      </p>
    );

    if (!p.open || !s || (options.localeGuessed && config === undefined)) return region;

    const goTo = (i: number) => {
      const to = steps[i] ?? 'what';
      this.setState({ stepIndex: i, general: '' });
      this.focusNext = 'h3';
      announce(fill(s.stepLive, { n: i + 1, total: steps.length, title: s[`step_${to}`] }));
    };
    const go = (delta: number) => {
      const found = delta > 0 ? validateStep(step, draft, s) : {};
      // keep the server's errors for other steps; this step's are re-checked
      const kept = Object.entries(errors).filter(([f]) => stepOf(f as keyof Draft) !== step);
      this.setState({ errors: { ...Object.fromEntries(kept), ...found } });
      if (Object.keys(found).length) {
        this.focusNext = '[aria-invalid="true"]';
        this.setState({ general: s.fixErrors });
        announce(s.fixErrors);
      } else goTo(Math.max(0, Math.min(n + delta, steps.length - 1)));
    };
    const submit = () => {
      const body: TicketCreateInput = {
        subject: draft.subject.trim(),
        description: draft.description.trim(),
        steps: (impact && draft.steps.trim()) || undefined,
        expected: (impact && draft.expected.trim()) || undefined,
        category: draft.category,
        impact,
        servicesKind: draft.category === 'professional_services' ? draft.servicesKind : undefined,
        thirdParty:
          impact && draft.thirdParty
            ? {
                involved: draft.thirdParty === 'yes',
                name: (draft.thirdParty === 'yes' && draft.thirdPartyName.trim()) || undefined,
              }
            : undefined,
        ...parts.securityBody?.(draft),
        contact: { name: draft.name.trim(), email: draft.email.trim() },
        environment: report,
        context,
        identity: token
          ? { token }
          : state.identity.userId && state.identity.userHash
            ? { userId: state.identity.userId, userHash: state.identity.userHash }
            : undefined,
        locale,
      };
      void this.sender.submit(body, p.newId()).then((outcome) => {
        // sent, or kept in the outbox: the form starts over
        if (outcome?.kind === 'sent' || outcome?.kind === 'queued') clearDraft();
      });
    };
    const startNew = () => {
      this.setResult(undefined);
      this.setState({ send: IDLE });
      goTo(0);
    };

    const openRequests = () => {
      this.setState({ requests: true });
      void import('./conversation/Requests').then((m) => this.setState({ Requests: m.Requests }));
    };
    // Shown once this device holds a ticket of this user's, or for a signed identity (its requests on every device).
    const mine = !!(token || Object.keys(readTickets(storage, ticketsKey(options.key), who)).length) && (
      <button type="button" class="link" onClick={openRequests}>
        {s.myRequests}
      </button>
    );
    const kind = st.send.kind;
    const c = { draft, set, s, errors, locked: !!vouched, parts };
    const rt = { severity, targets, config, s, locale };
    const other: Locale = locale === 'id' ? 'en' : 'id';
    let heading: string;
    let content: ComponentChildren;
    let primary: string;
    let onPrimary: () => void;
    // a step of the form (not a result or an unsent request's screen)
    let form = false;
    if (result) {
      const lines = responseLines({ ...rt, severity: result.severity });
      heading = result.category === 'security_incident' ? s.secTitle : s.sentTitle;
      content = (
        <Result r={result} s={s} due={result.dueText?.[locale]} open={lines.open && <p>{lines.open}</p>}>
          {result.category === 'security_incident' && parts.SecurityResult && (
            <parts.SecurityResult s={s} hours={<p>{lines.hours}</p>} />
          )}
        </Result>
      );
      content = (
        <>
          {content}
          {mine}
        </>
      );
      primary = s.newRequest;
      onPrimary = startNew;
    } else if (kind === 'queued' || kind === 'failed' || kind === 'blocked') {
      heading = s[`${kind}Title`] ?? ''; // blocked: '' until its path's chunk has come
      content = (
        <p>
          {s[`${kind}Text`]}
          {kind === 'blocked' && ` ${s.blockedKept}`}
        </p>
      );
      [primary, onPrimary] = kind === 'queued' ? [s.newRequest, startNew] : [s.retry, this.sender.retryAll];
    } else {
      form = true;
      const last = step === 'review';
      heading = s[`step_${step}`];
      content = (
        <>
          {step === 'what' && (
            <>
              {isBlocked(status) && s.blockedTitle && (
                <div class="notice warn" role="alert">
                  <strong>{s.blockedTitle}</strong>
                  <p>{s.blockedText}</p>
                </div>
              )}
              {parts.EnvironmentNotice && <parts.EnvironmentNotice verdict={verdict} report={report} s={s} />}
              {mine}
              <StepWhat {...c} />
            </>
          )}
          {step === 'impact' && <StepImpact {...c} />}
          {step === 'impact' && impact && (
            <>
              <SeverityNote severity={severity} s={s} />
              <ResponseTime {...rt} />
            </>
          )}
          {step === 'contact' && <StepContact {...c} />}
          {last && (
            <Review
              c={c}
              severity={severity}
              response={<ResponseTime {...rt} />}
              edit={(to: StepId) => goTo(steps.indexOf(to))}
            >
              {parts.EnvironmentNotice && (
                <parts.EnvironmentNotice verdict={verdict} report={report} s={s} warnings />
              )}
              {/* its rows are their own chunk, loaded when the user opens the details */}
              <details class="env" onToggle={() => this.setState({ collected: true })}>
                <summary>{s.environment}</summary>
                {parts.Collected && <parts.Collected report={report} context={context} s={s} />}
              </details>
            </Review>
          )}
          {general && <p class="error">{general}</p>}
        </>
      );
      primary = kind === 'sending' ? s.sending : last ? s.submit : s.next;
      onPrimary = last ? submit : () => go(1);
    }
    return (
      <Dialog
        title={s.title}
        org={config?.tenant?.name}
        closeLabel={s.close}
        onClose={p.onClose}
        lang={[s.otherLang, other]}
        onLang={() => {
          this.setState({ chosen: other });
          p.onLocale?.(other, true);
        }}
        left={options.position === 'bottom-left'}
        requests={!requests && !!mine && [s.myRequests, openRequests]}
      >
        {region}
        {requests ? (
          Requests ? (
            <Requests
              // another user's list starts afresh: nothing of an open conversation stays on screen
              key={who}
              {...p}
              widgetKey={options.key}
              identity={token}
              owner={who}
              storage={storage}
              locale={locale}
              onBack={() => {
                this.setState({ requests: false });
                this.focusNext = 'h3';
              }}
            />
          ) : null
        ) : (
          <form
            noValidate
            class="main"
            onSubmit={(e) => {
              e.preventDefault();
              if (kind !== 'sending') onPrimary();
            }}
          >
            <div class="body" ref={this.root}>
              {form && <p class="progress">{fill(s.stepOf, { n: n + 1, total: steps.length })}</p>}
              <h3 tabIndex={-1}>{heading}</h3>
              {content}
            </div>
            <footer>
              {form && n > 0 && (
                <button type="button" onClick={() => go(-1)}>
                  {s.back}
                </button>
              )}
              <button type="submit" class="primary" disabled={kind === 'sending'}>
                {primary}
              </button>
            </footer>
          </form>
        )}
      </Dialog>
    );
  }
}
