import { z } from 'zod';
import { SERVICES_KINDS } from './services-kinds';
import { safeText } from './text';

/**
 * Wire schemas: the one source for request validation, TypeScript types and the OpenAPI document.
 * The widget imports only types from here (`import type`), so zod never reaches its bundle.
 */

/** Guide section 4: 1 Critical, 2 High, 3 Medium, 4 Low. */
export const SeveritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Severity = z.infer<typeof SeveritySchema>;

/** What the user says the request is about; drives severity and scope. */
export const CategorySchema = z.enum([
  'problem',
  'question',
  'feature_request',
  'security_incident',
  'professional_services',
]);
export type Category = z.infer<typeof CategorySchema>;

/** Guide section 4, "what is affected", phrased as the four severity descriptions. */
export const AffectedSchema = z.enum([
  'service_unavailable', // the whole service or a critical function is unavailable
  'main_function_degraded', // a main function is significantly degraded
  'non_critical_or_intermittent', // a non-critical function partly lost, or intermittent trouble
  'question_or_cosmetic', // a question, cosmetic issue, documentation question or feature request
]);
export type Affected = z.infer<typeof AffectedSchema>;

/** Guide section 4, "is there a workaround". */
export const WorkaroundSchema = z.enum(['none', 'limited', 'reasonable']);
export type Workaround = z.infer<typeof WorkaroundSchema>;

/** Guide section 9: kinds of professional services, plus training (section 1). */
export const ServicesKindSchema = z.enum(SERVICES_KINDS);
export type ServicesKind = z.infer<typeof ServicesKindSchema>;

/** Flags travel with a ticket; they never drop it. */
export const FlagSchema = z.enum([
  'security_incident',
  'professional_services',
  'third_party',
  'unsupported_environment',
  'beta_feature',
  'non_production',
  'unverified_contact',
  'unauthorised_contact',
  'needs_triage',
  'holiday_data_missing',
  /** No valid identity token named the user's organisation: the desk's standard coverage applied. */
  'organisation_unverified',
  /** A security incident involving personal data (guide section 11; UU 27/2022 art. 46: 72-hour notice). */
  'personal_data',
  /** Training beyond the standard documentation (guide section 1), set by an agent. */
  'training',
  /** Caused by the customer's configuration, data or misuse (guide section 1), set by an agent. */
  'customer_configuration',
  /** Force majeure (guide section 10), set by an agent. */
  'force_majeure',
]);
export type Flag = z.infer<typeof FlagSchema>;

export const StatusSchema = z.enum(['new', 'open', 'pending', 'resolved', 'closed']);
export type Status = z.infer<typeof StatusSchema>;

export const SlaStateSchema = z.enum(['on_track', 'at_risk', 'breached', 'met', 'paused']);
export type SlaState = z.infer<typeof SlaStateSchema>;

/** Trimmed text of at most `max` characters; control characters other than tab and line breaks refused (400). */
const text = (max: number) => safeText(max);
/** The same on one line: subjects, names and identifiers take no line break either. */
const line = (max: number) => safeText(max, { multiline: false });

/** What the widget collects about the browser; shown to the user before it is sent. */
export const EnvironmentReportSchema = z.strictObject({
  userAgent: line(512),
  browser: z.strictObject({ name: line(64), version: line(32) }).optional(),
  os: line(64).optional(),
  deviceType: z.enum(['desktop', 'mobile', 'tablet', 'unknown']).optional(),
  viewport: z
    .strictObject({
      width: z.number().int().min(0).max(100_000),
      height: z.number().int().min(0).max(100_000),
    })
    .optional(),
  screen: z
    .strictObject({
      width: z.number().int().min(0).max(100_000),
      height: z.number().int().min(0).max(100_000),
    })
    .optional(),
  devicePixelRatio: z.number().min(0).max(16).optional(),
  language: text(35).optional(),
  timeZone: text(64).optional(),
  clockSkewMs: z.number().int().optional(),
  online: z.boolean().optional(),
  cookiesEnabled: z.boolean().optional(),
  storageAvailable: z.boolean().optional(),
  /** Missing platform features the widget probed for (e.g. "fetch", "shadow-dom"). */
  missingFeatures: z.array(text(64)).max(32).optional(),
  /** Recent JavaScript error messages on the page (a ring buffer, messages only). */
  recentErrors: z.array(text(500)).max(10).optional(),
});
export type EnvironmentReport = z.infer<typeof EnvironmentReportSchema>;

/** What the host application tells the widget through `KinobiSupport.setContext`. */
export const HostContextSchema = z.strictObject({
  appVersion: line(64).optional(),
  /** Page URL with the query string and fragment redacted by the widget. */
  pageUrl: line(2048).optional(),
  account: line(128).optional(),
  /** Deployment the user is on; anything but production is outside standard support (section 10). */
  deployment: z.enum(['production', 'staging', 'development', 'pilot']).optional(),
  features: z.strictObject({ beta: z.array(text(64)).max(64).default([]) }).optional(),
  /** The feature the report is about, when the host knows it; flagged when it is a beta feature. */
  feature: text(64).optional(),
});
export type HostContext = z.infer<typeof HostContextSchema>;

export const ImpactSchema = z.strictObject({ affected: AffectedSchema, workaround: WorkaroundSchema });
export type Impact = z.infer<typeof ImpactSchema>;

export const ContactSchema = z.strictObject({ name: line(120).min(1), email: z.email().max(254) });
export type Contact = z.infer<typeof ContactSchema>;

/** Legacy identity verification: userHash = hex HMAC-SHA256(userId, desk identity secret); no organisation. */
export const UserHashIdentitySchema = z.strictObject({
  userId: line(128).min(1),
  userHash: z.string().regex(/^[0-9a-fA-F]{64}$/),
});

/** Longest identity token accepted (an HS256 JWT with five short claims is ~300 characters). */
export const MAX_IDENTITY_TOKEN_LENGTH = 4096;

/**
 * A signed identity: an HS256 JWT made by the host's server with the desk's identity secret, claims
 * `sub` (user id), `org` (organisation slug), `email`, `name`, `exp` (`KinobiSupport.identify({ token })`).
 */
export const IdentityTokenSchema = z.strictObject({
  token: z.string().min(1).max(MAX_IDENTITY_TOKEN_LENGTH),
});

/** Who the user is, as the host page vouches for it: a signed token, or the legacy user-id HMAC. */
export const IdentitySchema = z.union([IdentityTokenSchema, UserHashIdentitySchema]);
export type Identity = z.infer<typeof IdentitySchema>;

export const LocaleSchema = z.enum(['id', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** `personalData` belongs to the security-incident path (guide section 11): elsewhere it is refused, not ignored. */
export function personalDataOnlyOnSecurityIncidents(b: {
  personalData?: boolean;
  category: Category;
}): boolean {
  return b.personalData !== true || b.category === 'security_incident';
}
/** The issue `personalDataOnlyOnSecurityIncidents` reports. */
export const PERSONAL_DATA_ISSUE = {
  message: 'personalData is asked for security incidents only',
  path: ['personalData'],
};

/** What a request says, whichever channel brings it: the widget's body and an agent's logged request share it. */
export const RequestFields = {
  subject: line(200).min(1),
  description: text(10_000).min(1),
  steps: text(5_000).optional(),
  expected: text(5_000).optional(),
  category: CategorySchema,
  /** Required for problems; ignored for security incidents (always severity 1). */
  impact: ImpactSchema.optional(),
  servicesKind: ServicesKindSchema.optional(),
  thirdParty: z.strictObject({ involved: z.boolean(), name: line(120).optional() }).optional(),
  contact: ContactSchema,
  locale: LocaleSchema.optional(),
  /** Security incidents: personal data is involved (flag `personal_data`, a 72-hour notification deadline). */
  personalData: z.boolean().optional(),
};

/** POST /v1/tickets body. */
export const TicketCreateSchema = z
  .strictObject({
    ...RequestFields,
    environment: EnvironmentReportSchema,
    context: HostContextSchema.default({}),
    identity: IdentitySchema.optional(),
  })
  .refine(personalDataOnlyOnSecurityIncidents, PERSONAL_DATA_ISSUE);
export type TicketCreate = z.infer<typeof TicketCreateSchema>;
export type TicketCreateInput = z.input<typeof TicketCreateSchema>;

/**
 * An instant worded by the server in each language, in the user's time zone with its name, then the
 * support zone's time when the offsets differ: "Wed 2 Dec, 04:00 GMT (11:00 WIB)". The widget shows it
 * as it is, so it ships no date formatting (issue 12's weight).
 */
export const TimeTextSchema = z.object({ en: z.string(), id: z.string() });

/** 201/200 response of POST /v1/tickets. */
export const TicketCreatedSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  severity: SeveritySchema,
  severityRule: z.string(),
  status: StatusSchema,
  firstResponseDueAt: z.iso.datetime(),
  /** `firstResponseDueAt` worded in the reported `environment.timeZone` (WIB when absent or unknown); widget tickets only. */
  firstResponseDueText: TimeTextSchema.optional(),
  flags: z.array(FlagSchema),
  inScope: z.boolean(),
  /** Lets the customer add messages to this ticket later (with the widget key); absent for agent-logged requests. */
  accessToken: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});
export type TicketCreated = z.infer<typeof TicketCreatedSchema>;

/** One row of GET /v1/response-targets. */
export const ResponseTargetSchema = z.object({
  severity: SeveritySchema,
  businessMinutes: z.number().int(),
  clockStartsAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  /** `dueAt` worded in the `tz` asked for, beside the severity's support zone. */
  dueText: TimeTextSchema,
});
export type ResponseTarget = z.infer<typeof ResponseTargetSchema>;

export const ResponseTargetsSchema = z.object({
  at: z.iso.datetime(),
  open: z.boolean(),
  nextOpenAt: z.iso.datetime(),
  /** `nextOpenAt` worded in the `tz` asked for. */
  nextOpenText: TimeTextSchema,
  targets: z.array(ResponseTargetSchema),
  warnings: z.array(z.string()).optional(),
});
export type ResponseTargets = z.infer<typeof ResponseTargetsSchema>;

/** The one error shape of the API. */
export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** One problem of a 400 `validation_failed`: where, the zod issue code to localise by, and the bound broken. */
export const ValidationDetailSchema = z.object({
  /** Dotted path of the field, e.g. `contact.email`. */
  path: z.string(),
  /** `too_big`, `too_small`, `invalid_format`, `invalid_value`, `invalid_type`, `unrecognized_keys`, `custom`, ... */
  code: z.string(),
  /** English, for developers; show users a message chosen by `code`. */
  message: z.string(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
});
export type ValidationDetail = z.infer<typeof ValidationDetailSchema>;

/** The error shape of a 400: `details` lists the problems of a `validation_failed`. */
export const ValidationErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ValidationDetailSchema).optional(),
  }),
});

/** A calendar's support hours as the widget shows them: zone, weekly windows, holiday rule. */
export const WidgetHoursSchema = z.object({
  timeZone: z.string(),
  windows: z.array(z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() })),
  /** Holiday set the calendar closes on ('id' = Indonesian national holidays, 'none'). */
  holidays: z.string(),
  closeCollectiveLeave: z.boolean(),
});

/**
 * The hours as one sentence in each language, worded by the server from `hours` (zone name, windows,
 * holiday rule): "Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.". The widget
 * shows it as it is, so it ships no calendar wording (issue 12's weight).
 */
export const HoursTextSchema = z.object({ en: z.string(), id: z.string() });

/** A severity whose first-response clock runs on its own calendar (e.g. severity 1 covered 24x7). */
export const SeverityCoverageSchema = z.object({
  severity: SeveritySchema,
  hours: WidgetHoursSchema,
  /** This severity's hours as a sentence ("Severity 1 is covered 24 hours a day, 7 days a week."). */
  hoursText: HoursTextSchema,
  open: z.boolean(),
  nextOpenAt: z.iso.datetime(),
  /** `nextOpenAt` worded in the `tz` asked for. */
  nextOpenText: TimeTextSchema,
});

/**
 * The server's verdict on the browser that asked for the config, from its User-Agent header with the
 * compiled policy (shared/environment.ts), and what that user agent tells about it. The widget merges
 * it with its own probes (features, cookies, storage, clock), so the policy regex stays out of the bundle.
 */
export const WidgetEnvironmentSchema = z.object({
  supported: z.boolean(),
  /** Findings about the user agent: `unsupported_browser` with the user agent it judged. */
  reasons: z.array(z.object({ code: z.literal('unsupported_browser'), userAgent: z.string() })),
  browser: z.object({ name: z.string(), version: z.string() }),
  os: z.string(),
  deviceType: z.enum(['desktop', 'mobile', 'tablet', 'unknown']),
});
export type WidgetEnvironment = z.infer<typeof WidgetEnvironmentSchema>;

/** GET /v1/widget/config: what the widget shows before the user writes anything. */
export const WidgetConfigSchema = z.object({
  /** The name and language the widget greets with: the organisation's when known, else the desk's. */
  tenant: z.object({ name: z.string(), locale: LocaleSchema }),
  /** The support desk answering (Kinobi AI). */
  desk: z.object({ name: z.string() }),
  /** The user's organisation when a widget key or a valid identity token names it; null otherwise. */
  organisation: z.object({ slug: z.string(), name: z.string(), locale: LocaleSchema }).nullable(),
  hours: WidgetHoursSchema,
  /** `hours` as a sentence in each language, for the widget to show. */
  hoursText: HoursTextSchema,
  open: z.boolean(),
  nextOpenAt: z.iso.datetime(),
  /** `nextOpenAt` worded in the `tz` asked for (WIB by default). */
  nextOpenText: TimeTextSchema,
  /** Only severities whose calendar differs from `hours`; absent when every severity uses it. */
  coverage: z.array(SeverityCoverageSchema).optional(),
  /** The two impact questions and the severity each pair of answers gives (guide section 4). */
  severityQuestions: z.object({
    affected: z.array(AffectedSchema),
    workaround: z.array(WorkaroundSchema),
    severity: z.record(AffectedSchema, z.record(WorkaroundSchema, SeveritySchema)),
  }),
  browserPolicy: z.array(z.object({ browser: z.string(), minVersion: z.string() })),
  /** The verdict on the requesting browser's User-Agent (the widget's own probes come on top). */
  environment: WidgetEnvironmentSchema,
  warnings: z.array(z.string()),
});
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;
