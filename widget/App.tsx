import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { reportFindings } from '../shared/environment';
import type { HostContext, Locale, TicketCreated, TicketCreateInput } from '../shared/schema';
import { classifySeverity } from '../shared/severity';
import type { ApiClient } from './api';
import type { HostState, WidgetOptions } from './bridge';
import { Dialog } from './components/Dialog';
import { EnvironmentSummary } from './components/EnvironmentSummary';
import { ResponseTime, responseLines } from './components/ResponseTime';
import { Result } from './components/Result';
import { Review } from './components/Review';
import { SeverityNote } from './components/SeverityNote';
import { StepContact } from './components/StepContact';
import { StepImpact } from './components/StepImpact';
import { StepWhat } from './components/StepWhat';
import { type Draft, emptyDraft, loadDraft, saveDraft } from './draft';
import { collectEnvironment, type EnvSource, redactUrl } from './environment';
import { fill } from './fill';
import { tokenContact } from './identity';
import { type LastResult, loadResult, saveResult, toResult } from './last-result';
import { usePaths } from './paths';
import { createOutbox, isBlocked } from './queue';
import { draftKey, outboxKey, resultKey, ticketsKey } from './storage-keys';
import { keepTicket, readTickets } from './tickets';
import { useOutbox } from './useOutbox';
import { type LoadStrings, usePanelData, useStrings } from './usePanelData';
import { type FieldErrors, type StepId, stepOf, stepsFor, validateStep } from './validate';

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

const STEP_TITLE = {
  what: 'stepWhat',
  impact: 'stepImpact',
  contact: 'stepContact',
  review: 'stepReview',
} as const;

const pickContext = (c: HostState['context'], pageUrl: string): HostContext => {
  const { appVersion, account, deployment, feature, features } = c;
  return { appVersion, account, deployment, feature, features, pageUrl };
};

/**
 * The support panel: a guided form in a dialog, sending through the outbox. Step changes and errors
 * are announced in a live region; focus goes to the step's heading or to the first invalid field.
 */
export function App(p: AppProps) {
  const { options, state, win, now } = p;
  const token = state.identity.token;
  const { config, targets, clock, status } = usePanelData(p.api, p.open, now, token);
  const [chosen, choose] = useState<Locale>();
  // Without data-locale or a page language we know, the tenant's locale decides, until the user picks.
  const locale = chosen || (options.localeGuessed && config?.tenant?.locale) || options.locale;
  const base = useStrings(p.loadStrings, locale);
  const storage = win.localStorage;
  const timeZone = p.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Jakarta';
  const [typed, setDraft] = useState<Draft>(() => loadDraft(storage, draftKey(options.key), state.identity));
  // A signed identity decides the contact (the server takes it from the token): shown, not editable,
  // and never saved into the draft, which another user of this browser may continue.
  const vouched = tokenContact(token);
  const draft = vouched ? { ...typed, ...vouched } : typed;
  const [result, setResultState] = useState(() => loadResult(storage, resultKey(options.key)));
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const [live, setLive] = useState('');
  /** "My requests": the conversation chunk's component once loaded, shown while `requests`. */
  const [requests, setRequests] = useState(false);
  const [Requests, setMod] = useState<typeof import('./conversation/Requests').Requests>();
  /** What to focus after the next render: the heading, or the first invalid field. */
  const focusNext = useRef('h3');
  const root = useRef<HTMLDivElement>(null);
  const outbox = useMemo(() => createOutbox(storage, outboxKey(options.key)), [options.key]);
  const announce = (text: string) => setLive((old) => (old === text ? `${text}\u00a0` : text));
  const setResult = (r: LastResult | undefined) => {
    saveResult(storage, resultKey(options.key), r);
    setResultState(r);
  };
  const send = useOutbox({
    api: p.api,
    outbox,
    now,
    online: () => win.navigator.onLine !== false,
    win,
    // Also for a request sent later from the outbox: its number is shown and announced.
    onSent: (ticket, body) => {
      keepTicket(storage, ticketsKey(options.key), ticket.id, ticket.accessToken);
      setResult(toResult(ticket, body));
      focusNext.current = 'h3';
      p.onSubmitted(ticket);
    },
  });

  const unsent = send.state.kind === 'failed' || send.state.kind === 'blocked';
  useEffect(() => p.onUnsent?.(base && unsent ? base.unsentBadge : ''), [unsent, base]);
  useEffect(() => p.onLocale?.(locale, !!chosen), [locale]);
  useEffect(() => {
    if (p.open) focusNext.current = 'h3';
  }, [p.open]);
  // A layout effect: focus moves in the same frame as the step or the errors appear.
  useLayoutEffect(() => {
    const el = focusNext.current && root.current?.querySelector<HTMLElement>(focusNext.current);
    if (!el) return;
    focusNext.current = '';
    (el.querySelector('input') ?? el).focus();
  });
  useEffect(() => {
    if (!base) return;
    const k = send.state.kind;
    if (k === 'queued') announce(`${base.queuedTitle}. ${base.queuedText}`);
    if (k === 'failed') announce(`${base.failedTitle}. ${base.failedText}`);
    if (k === 'blocked') announce(`${base.blockedTitle}. ${base.blockedText}`);
  }, [send.state.kind, !!base]);
  useEffect(() => {
    if (result && base) announce(`${base.sentTitle}. ${fill(base.ticketNumber, { number: result.number })}`);
  }, [result?.number, !!base]);

  const clearDraft = () => {
    saveDraft(storage, draftKey(options.key), null);
    setDraft(emptyDraft(state.identity));
    setStepIndex(0);
  };
  useEffect(() => {
    if (send.state.kind !== 'rejected' || !base) return;
    const { result: res } = send.state.outcome;
    const words = base;
    const order = stepsFor(draft.category);
    send.reset();
    // The server's field errors, localised by code: a rare path, so its own chunk (server-errors.ts).
    void import('./server-errors')
      .then(
        (m) =>
          m.mapServerErrors(res.error?.code === 'validation_failed' ? res.error.details : [], words).fields,
        (): FieldErrors => ({}),
      )
      .then((fields) => {
        // the earliest step that holds an errored field
        const at = Math.min(...(Object.keys(fields) as (keyof Draft)[]).map((f) => order.indexOf(stepOf(f))));
        const text = Number.isFinite(at)
          ? words.fixErrors
          : fill(words.rejected, { code: res.error?.code ?? res.status });
        setErrors(fields);
        setGeneral(text);
        announce(text);
        if (Number.isFinite(at)) {
          setStepIndex(Math.max(0, at));
          focusNext.current = '[aria-invalid="true"]';
        }
      });
  }, [send.state, base]);

  const set = (patch: Partial<Draft>) => {
    const next = { ...typed, ...patch };
    if (Object.keys(patch).some((k) => k in errors)) {
      setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !(k in patch))));
    }
    setDraft(next);
    saveDraft(storage, draftKey(options.key), next);
  };
  const steps = stepsFor(draft.category);
  const step = steps[Math.min(stepIndex, steps.length - 1)] ?? 'what';
  const n = steps.indexOf(step);
  const { affected, workaround } = draft;
  const impact =
    draft.category === 'problem' && affected && workaround ? { affected, workaround } : undefined;
  const severity = classifySeverity({ category: draft.category, impact }).severity;
  const report = collectEnvironment(win, {
    errors: state.errors,
    serverDate: clock.serverDate,
    now: clock.at,
    detected: config?.environment,
  });
  const context = pickContext(state.context, redactUrl(win.location?.href ?? ''));
  // The browser's verdict is the server's (from this browser's User-Agent); the probes are ours.
  const probes = reportFindings(report);
  const reasons = [...(config?.environment?.reasons ?? []), ...probes.reasons];
  const verdict = { supported: !reasons.length, reasons, warnings: probes.warnings };
  const [extra, parts] = usePaths(
    [
      (draft.category === 'security_incident' || result?.category === 'security_incident') && 'security',
      draft.category === 'professional_services' && 'services',
      (!verdict.supported || verdict.warnings.length > 0) && 'environment',
    ],
    locale,
  );
  const s = base && { ...base, ...extra };
  const region = (
    <p class="sr" role="status">
      {live}
    </p>
  );

  if (!p.open || !s || (options.localeGuessed && config === undefined)) return region;

  const goTo = (i: number) => {
    const to = steps[i] ?? 'what';
    setStepIndex(i);
    setGeneral('');
    focusNext.current = 'h3';
    announce(fill(s.stepLive, { n: i + 1, total: steps.length, title: s[STEP_TITLE[to]] }));
  };
  const go = (delta: number) => {
    const found = delta > 0 ? validateStep(step, draft, s) : {};
    // keep the server's errors for other steps; this step's are re-checked
    const kept = Object.entries(errors).filter(([f]) => stepOf(f as keyof Draft) !== step);
    setErrors({ ...Object.fromEntries(kept), ...found });
    if (Object.keys(found).length) {
      focusNext.current = '[aria-invalid="true"]';
      setGeneral(s.fixErrors);
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
    void send.submit(body, p.newId()).then((outcome) => {
      // sent, or kept in the outbox: the form starts over
      if (outcome?.kind === 'sent' || outcome?.kind === 'queued') clearDraft();
    });
  };
  const startNew = () => {
    setResult(undefined);
    send.reset();
    goTo(0);
  };

  const openRequests = () => {
    setRequests(true);
    void import('./conversation/Requests').then((m) => setMod(() => m.Requests));
  };
  // Shown once this device holds a ticket, or for a signed identity (its requests on every device).
  const mine = !!(token || Object.keys(readTickets(storage, ticketsKey(options.key))).length) && (
    <button type="button" class="link" onClick={openRequests}>
      {s.myRequests}
    </button>
  );
  const kind = send.state.kind;
  const c = { draft, set, s, errors, locked: !!vouched, parts };
  const rt = { severity, targets, config, s, locale, timeZone };
  const other: Locale = locale === 'id' ? 'en' : 'id';
  let heading: string;
  let content: ComponentChildren;
  let primary: string;
  let onPrimary: () => void;
  if (result) {
    const lines = responseLines({ ...rt, severity: result.severity });
    heading = result.category === 'security_incident' ? s.secTitle : s.sentTitle;
    content = (
      <Result r={result} s={s} due={lines.when(result.dueAt)} open={lines.open && <p>{lines.open}</p>}>
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
  } else if (kind === 'blocked') {
    heading = s.blockedTitle;
    content = (
      <p>
        {s.blockedText} {s.blockedKept}
      </p>
    );
    primary = s.retry;
    onPrimary = send.retryAll;
  } else if (kind === 'queued' || kind === 'failed') {
    heading = kind === 'failed' ? s.failedTitle : s.queuedTitle;
    content = <p>{kind === 'failed' ? s.failedText : s.queuedText}</p>;
    primary = kind === 'failed' ? s.retry : s.newRequest;
    onPrimary = kind === 'failed' ? send.retryAll : startNew;
  } else {
    const last = step === 'review';
    heading = s[STEP_TITLE[step]];
    content = (
      <>
        {step === 'what' && (
          <>
            {isBlocked(status) && (
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
            <EnvironmentSummary report={report} context={context} s={s} />
          </Review>
        )}
        {general && <p class="error">{general}</p>}
      </>
    );
    primary = kind === 'sending' ? s.sending : last ? s.submit : s.next;
    onPrimary = last ? submit : () => go(1);
  }
  const form = !result && kind !== 'queued' && kind !== 'failed' && kind !== 'blocked';
  return (
    <Dialog
      title={config?.tenant?.name ? `${s.title} · ${config.tenant.name}` : s.title}
      closeLabel={s.close}
      onClose={p.onClose}
      lang={[s.otherLang, other]}
      onLang={() => {
        choose(other);
        p.onLocale?.(other, true);
      }}
      left={options.position === 'bottom-left'}
      extra={!requests && mine}
    >
      {region}
      {requests ? (
        Requests ? (
          <Requests
            {...p}
            widgetKey={options.key}
            identity={token}
            storage={storage}
            locale={locale}
            onBack={() => {
              setRequests(false);
              focusNext.current = 'h3';
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
          <div class="body" ref={root}>
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
