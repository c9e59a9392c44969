import { useEffect, useMemo, useState } from 'preact/hooks';
import { evaluateEnvironment } from '../shared/environment';
import type { HostContext, TicketCreated, TicketCreateInput } from '../shared/schema';
import { classifySeverity } from '../shared/severity';
import type { ApiClient } from './api';
import type { HostState, WidgetOptions } from './bridge';
import { Dialog } from './components/Dialog';
import { EnvironmentNotice } from './components/EnvironmentNotice';
import { EnvironmentSummary } from './components/EnvironmentSummary';
import { ResponseTime } from './components/ResponseTime';
import { Result } from './components/Result';
import { SeverityNote } from './components/SeverityNote';
import { StepContact } from './components/StepContact';
import { StepImpact } from './components/StepImpact';
import { StepWhat } from './components/StepWhat';
import { type Draft, emptyDraft, loadDraft, saveDraft } from './draft';
import { collectEnvironment, type EnvSource, redactUrl } from './environment';
import { fill } from './fill';
import { WIB } from './format';
import { createOutbox } from './queue';
import { draftKey, outboxKey } from './storage-keys';
import { useOutbox } from './useOutbox';
import { type LoadStrings, usePanelData, useStrings } from './usePanelData';
import { type FieldErrors, mapServerErrors, stepOf, stepsFor, validateStep } from './validate';

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
  /** The strings of a locale; the panel loads only the active locale's chunk. */
  loadStrings: LoadStrings;
  /** The user's IANA time zone; defaults to the browser's. */
  timeZone?: string;
}

const STEP_TITLE = {
  what: 'stepWhat',
  impact: 'stepImpact',
  response: 'stepResponse',
  contact: 'stepContact',
  review: 'stepReview',
} as const;

const pickContext = (c: HostState['context'], pageUrl: string): HostContext => {
  const { appVersion, account, deployment, feature, features } = c;
  return { appVersion, account, deployment, feature, features, pageUrl };
};

/** The support panel: a guided form in a dialog, sending through the outbox. */
export function App(p: AppProps) {
  const { options, state, win, now } = p;
  const { config, targets, clock } = usePanelData(p.api, p.open, now);
  // Without data-locale or a page language we know, the tenant's locale decides.
  const locale = (options.localeGuessed && config?.tenant?.locale) || options.locale;
  const s = useStrings(p.loadStrings, locale);
  const zone = config?.hours?.timeZone || WIB;
  const storage = win.localStorage;
  const timeZone = p.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Jakarta';
  const [draft, setDraft] = useState<Draft>(() => loadDraft(storage, draftKey(options.key), state.identity));
  const [stepIndex, setStepIndex] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState('');
  const outbox = useMemo(() => createOutbox(storage, outboxKey(options.key)), [options.key]);
  const send = useOutbox({
    api: p.api,
    outbox,
    now,
    online: () => win.navigator.onLine !== false,
    win,
    onSent: (ticket) => {
      clearDraft();
      p.onSubmitted(ticket);
    },
  });

  useEffect(() => p.onUnsent?.(s && send.state.kind === 'failed' ? s.unsentBadge : ''), [send.state.kind, s]);

  const clearDraft = () => {
    saveDraft(storage, draftKey(options.key), null);
    setDraft(emptyDraft(state.identity));
    setStepIndex(0);
  };
  useEffect(() => {
    if (send.state.kind !== 'rejected' || !s) return;
    const { result } = send.state.outcome;
    const mapped = mapServerErrors(result.error?.code === 'validation_failed' ? result.error.details : []);
    const order = stepsFor(draft.category);
    // the earliest step that holds an errored field
    const at = Math.min(
      ...(Object.keys(mapped.fields) as (keyof Draft)[]).map((f) => order.indexOf(stepOf(f))),
    );
    setErrors(mapped.fields);
    setGeneral(
      Number.isFinite(at)
        ? s.fixErrors
        : fill(s.rejected, { message: result.error?.message ?? String(result.status) }),
    );
    if (Number.isFinite(at)) setStepIndex(Math.max(0, at));
    send.reset();
  }, [send.state, s]);

  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    if (Object.keys(patch).some((k) => k in errors)) {
      setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !(k in patch))));
    }
    setDraft(next);
    saveDraft(storage, draftKey(options.key), next);
  };
  const steps = stepsFor(draft.category);
  const step = steps[Math.min(stepIndex, steps.length - 1)] ?? 'what';
  const { affected, workaround } = draft;
  const impact = steps.includes('impact') && affected && workaround ? { affected, workaround } : undefined;
  const severity = classifySeverity({ category: draft.category, impact }).severity;
  const report = collectEnvironment(win, {
    errors: state.errors,
    serverDate: clock.serverDate,
    now: clock.at,
  });
  const context = pickContext(state.context, redactUrl(win.location?.href ?? ''));
  const verdict = evaluateEnvironment(report);

  if (!p.open || !s || (options.localeGuessed && config === undefined)) return null;

  const go = (delta: number) => {
    const found = delta > 0 ? validateStep(step, draft, s) : {};
    // keep the server's errors for other steps; this step's are re-checked
    const kept = Object.entries(errors).filter(([f]) => stepOf(f as keyof Draft) !== step);
    setErrors({ ...Object.fromEntries(kept), ...found });
    setGeneral('');
    if (!Object.keys(found).length)
      setStepIndex(Math.max(0, Math.min(steps.indexOf(step) + delta, steps.length - 1)));
  };
  const submit = () => {
    const body: TicketCreateInput = {
      subject: draft.subject.trim(),
      description: draft.description.trim(),
      steps: draft.steps.trim() || undefined,
      expected: draft.expected.trim() || undefined,
      category: draft.category,
      impact,
      servicesKind: draft.category === 'professional_services' ? draft.servicesKind : undefined,
      thirdParty:
        draft.category === 'problem' && draft.thirdParty
          ? {
              involved: draft.thirdParty === 'yes',
              name: (draft.thirdParty === 'yes' && draft.thirdPartyName.trim()) || undefined,
            }
          : undefined,
      contact: { name: draft.name.trim(), email: draft.email.trim() },
      environment: report,
      context,
      identity:
        state.identity.userId && state.identity.userHash
          ? { userId: state.identity.userId, userHash: state.identity.userHash }
          : undefined,
      locale,
    };
    void send.submit(body, p.newId()).then((outcome) => {
      // a queued submission lives in the outbox now; the form starts over
      if (outcome?.kind === 'queued') clearDraft();
    });
  };

  const kind = send.state.kind;
  const done = kind === 'sent' || kind === 'queued' || kind === 'failed';
  const last = step === 'review';
  return (
    <Dialog
      title={config?.tenant?.name ? `${s.title} · ${config.tenant.name}` : s.title}
      closeLabel={s.close}
      onClose={p.onClose}
    >
      {done ? (
        <Result
          state={send.state}
          s={s}
          locale={locale}
          timeZone={timeZone}
          zone={zone}
          onRetry={send.retryAll}
          onNew={send.reset}
        />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            last ? submit() : go(1);
          }}
        >
          <p class="progress">{fill(s.stepOf, { n: steps.indexOf(step) + 1, total: steps.length })}</p>
          <h3>{s[STEP_TITLE[step]]}</h3>
          {step === 'what' && <StepWhat draft={draft} set={set} s={s} errors={errors} />}
          {step === 'impact' && <StepImpact draft={draft} set={set} s={s} errors={errors} />}
          {step === 'response' && <SeverityNote severity={severity} s={s} />}
          {(step === 'response' || (last && draft.category === 'security_incident')) && (
            <ResponseTime
              severity={severity}
              targets={targets}
              config={config}
              s={s}
              locale={locale}
              timeZone={timeZone}
            />
          )}
          {step === 'contact' && <StepContact draft={draft} set={set} s={s} errors={errors} />}
          {last && <EnvironmentNotice verdict={verdict} report={report} s={s} />}
          {last && <EnvironmentSummary report={report} context={context} s={s} />}
          {general && (
            <p class="error" role="alert">
              {general}
            </p>
          )}
          <div class="actions">
            {steps.indexOf(step) > 0 && (
              <button type="button" onClick={() => go(-1)}>
                {s.back}
              </button>
            )}
            <button type="submit" class="primary" disabled={kind === 'sending'}>
              {kind === 'sending' ? s.sending : last ? s.submit : s.next}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
