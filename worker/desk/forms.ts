import type { Context } from 'hono';
import { z } from 'zod';
import { EscalationCreateSchema, MessageCreateSchema } from '../../shared/agent-schema';
import { FlagSchema, SeveritySchema, StatusSchema } from '../../shared/schema';
import { safeText } from '../../shared/text';
import { ApiError } from '../errors';
import { issueDetails } from '../validation';

/**
 * The console's form bodies, validated with the same field rules as the agents' JSON API. Each form
 * carries a `key` made when the page was rendered: a form posted twice (double click, reload) is
 * written once, through the API's Idempotency-Key machinery.
 */
const key = z.string().min(1).max(128).optional();

/** The composer: a public reply or an internal note. */
export const ReplyForm = z.object({
  kind: z.enum(['reply', 'note']),
  body: MessageCreateSchema.shape.body,
  key,
});
/** Escalation to a team with a note. */
export const EscalateForm = z.object({ ...EscalationCreateSchema.shape, key });
/** A severity change, which needs a reason. */
export const SeverityForm = z.object({
  severity: z.coerce.number().pipe(SeveritySchema),
  reason: safeText(1000).min(1),
});
/** Assign to `me`, `none` or an agent id. */
export const AssignForm = z.object({ assignee: z.string().min(1).max(100) });
/** A status change (pending, resolved, closed, or back to open). */
export const StatusForm = z.object({ status: StatusSchema });
/** Flags (checkboxes, any number) and scope, with the reason for the change. */
export const FlagsForm = z.object({
  flag: z
    .union([FlagSchema, z.array(FlagSchema)])
    .optional()
    .transform((f) => (f === undefined ? [] : Array.isArray(f) ? f : [f])),
  inScope: z.literal('yes').optional(),
  reason: safeText(1000).min(1),
});
/** The sign-in form. */
export const SignInForm = z.object({ email: z.email().max(254), next: z.string().max(500).optional() });
/** The emailed link's confirmation. */
export const CallbackForm = z.object({ token: z.string().min(1).max(200) });
/** The language switch. */
export const LangForm = z.object({ lang: z.enum(['en', 'id']), next: z.string().max(1000).optional() });

/** Most files one composer post may carry. */
export const MAX_COMPOSER_FILES = 3;

/**
 * The files of a multipart post's `field` (a file input left empty posts one nameless, empty part,
 * which is not a file); 400 `validation_failed` above `max`.
 */
export async function readFormFiles(c: Context, field: string, max: number): Promise<File[]> {
  const body = await c.req.parseBody({ all: true });
  const value = body[field];
  const files = (Array.isArray(value) ? value : [value]).filter(
    (v): v is File => v instanceof File && (v.size > 0 || v.name !== ''),
  );
  if (files.length > max) {
    throw new ApiError(400, 'validation_failed', `Attach at most ${max} files to one message.`);
  }
  return files;
}

/** The request's form fields parsed by `schema`; 400 `validation_failed` (the API's shape) otherwise. */
export async function readForm<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  // `all`: a field sent several times (checkboxes) arrives as an array.
  const body = await c.req.parseBody({ all: true });
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(400, 'validation_failed', 'The form is not valid.', issueDetails(parsed.error));
  }
  return parsed.data;
}
