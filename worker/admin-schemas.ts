import { z } from 'zod';
import { CoverageSpecSchema, HolidayYearSchema } from '../shared/calendar-schema';
import { LocaleSchema } from '../shared/schema';

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

const tenantFields = {
  name: z.string().trim().min(1).max(120),
  locale: LocaleSchema,
  coverage: CoverageSpecSchema,
  allowedOrigins: z.array(OriginSchema).max(50),
  /** Guide section 7: replaces the list of authorised contacts. */
  authorisedContacts: z.array(z.email().max(254)).max(500),
  webhookUrl: WebhookUrlSchema.nullable(),
  identitySecret: z.string().min(16).max(256).nullable(),
  storeAttachments: z.boolean(),
  attachmentMaxBytes: z.number().int().min(0).max(10_485_760),
  emailAddress: z.email().max(254).nullable(),
};

/** POST /v1/admin/tenants. */
export const TenantCreateSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/),
  agentName: z.string().trim().min(1).max(120).default('Agent'),
  ...tenantFields,
  locale: LocaleSchema.default('id'),
  coverage: CoverageSpecSchema.optional(),
  allowedOrigins: tenantFields.allowedOrigins.default([]),
  authorisedContacts: tenantFields.authorisedContacts.default([]),
  webhookUrl: WebhookUrlSchema.optional(),
  identitySecret: tenantFields.identitySecret.optional(),
  storeAttachments: z.boolean().optional(),
  attachmentMaxBytes: tenantFields.attachmentMaxBytes.optional(),
  emailAddress: tenantFields.emailAddress.optional(),
});

/** PATCH /v1/admin/tenants/{id}: any subset of the settings. */
export const TenantPatchSchema = z
  .strictObject(tenantFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one setting');

export const WidgetKeyRotateSchema = z.strictObject({
  /** Keep the old keys working this long (seconds) so deployed pages can switch over. */
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(0),
});

export const AgentTokenCreateSchema = z.strictObject({ agentName: z.string().trim().min(1).max(120) });

export const HolidayParamsSchema = z.object({
  set: z.enum(['id']),
  year: z
    .string()
    .regex(/^20\d\d$/)
    .transform(Number),
});

export { HolidayYearSchema };
