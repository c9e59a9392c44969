import { z } from 'zod';
import { AgentRoleSchema, TeamSchema } from '../shared/agent-schema';
import { CoverageSpecSchema, HolidayYearSchema } from '../shared/calendar-schema';
import { LocaleSchema } from '../shared/schema';
import { safeText } from '../shared/text';
import { DATA_DATABASES } from './db/databases';

/** An https URL, or http on 127.0.0.1 / localhost for local development. */
export const WebhookUrlSchema = z
  .url()
  .max(2048)
  .refine((u) => {
    const url = new URL(u);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  }, 'webhook URL must be https (http only for 127.0.0.1 or localhost)');

/** A web origin exactly as browsers send it: scheme://host[:port], nothing else. */
const OriginSchema = z
  .string()
  .max(255)
  .refine((o) => {
    try {
      return new URL(o).origin === o;
    } catch {
      return false;
    }
  }, 'expected an origin such as https://app.example.com');

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes');
// One line of printable text: no NUL, no bidi overrides, no line breaks (shared/text.ts).
const name = safeText(120, { multiline: false }).min(1);

const deskFields = {
  name,
  locale: LocaleSchema,
  /** The desk's standard coverage, for requests whose organisation is not verified. */
  coverage: CoverageSpecSchema,
  /** Origins of the platform that embeds the desk's own widget key. */
  allowedOrigins: z.array(OriginSchema).max(50),
  webhookUrl: WebhookUrlSchema.nullable(),
  identitySecret: z.string().min(16).max(256).nullable(),
};

/** POST /v1/admin/desks. */
export const DeskCreateSchema = z.strictObject({
  slug,
  ...deskFields,
  locale: LocaleSchema.default('id'),
  coverage: CoverageSpecSchema.optional(),
  allowedOrigins: deskFields.allowedOrigins.default([]),
  webhookUrl: WebhookUrlSchema.optional(),
  identitySecret: deskFields.identitySecret.optional(),
  /** The data database to place the desk on (issue 15); default: the one holding the fewest desks. */
  database: z.enum(DATA_DATABASES).optional(),
});

/** PATCH /v1/admin/desks/{id}: any subset of the settings. */
export const DeskPatchSchema = z
  .strictObject(deskFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one setting');

const organisationFields = {
  name,
  locale: LocaleSchema,
  /** The order form: calendar and per-severity targets (guide section 2). */
  coverage: CoverageSpecSchema,
  /** Origins of the organisation's own deployment, for widget keys bound to it. */
  allowedOrigins: z.array(OriginSchema).max(50),
  /** Guide section 7: replaces the list of authorised contacts. */
  authorisedContacts: z.array(z.email().max(254)).max(500),
  /** Guide section 8: the customer-success contact, or null. */
  successContact: z
    .strictObject({ name: name.nullable().default(null), email: z.email().max(254) })
    .nullable(),
  storeAttachments: z.boolean(),
  attachmentMaxBytes: z.number().int().min(0).max(10_485_760),
  emailAddress: z.email().max(254).nullable(),
};

/** POST /v1/admin/desks/{id}/organisations. */
export const OrganisationCreateSchema = z.strictObject({
  slug,
  ...organisationFields,
  locale: LocaleSchema.default('id'),
  coverage: CoverageSpecSchema.optional(),
  allowedOrigins: organisationFields.allowedOrigins.default([]),
  authorisedContacts: organisationFields.authorisedContacts.default([]),
  successContact: organisationFields.successContact.optional(),
  storeAttachments: z.boolean().optional(),
  attachmentMaxBytes: organisationFields.attachmentMaxBytes.optional(),
  emailAddress: organisationFields.emailAddress.optional(),
});

/** PATCH /v1/admin/organisations/{id}. */
export const OrganisationPatchSchema = z
  .strictObject(organisationFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one setting');

const agentFields = {
  name,
  email: z.email().max(254),
  role: AgentRoleSchema,
  teams: z.array(TeamSchema).min(1).max(5),
};

/** POST /v1/admin/desks/{id}/agents: a person of the desk, with a first API token (shown once). */
export const AgentCreateSchema = z.strictObject({
  ...agentFields,
  role: AgentRoleSchema.default('agent'),
  teams: agentFields.teams.default(['support']),
});

/** PATCH /v1/admin/agents/{id}; `active: false` deactivates the agent (its tokens stop working). */
export const AgentPatchSchema = z
  .strictObject({ ...agentFields, active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one setting');

export const WidgetKeyRotateSchema = z.strictObject({
  /** Rotate the keys bound to this organisation (slug or id) instead of the desk's own keys. */
  organisation: z.string().min(1).max(100).optional(),
  /** Keep the old keys working this long (seconds) so deployed pages can switch over. */
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(0),
});

export const HolidayParamsSchema = z.object({
  set: z.enum(['id']),
  year: z
    .string()
    .regex(/^20\d\d$/)
    .transform(Number),
});

export { HolidayYearSchema };
