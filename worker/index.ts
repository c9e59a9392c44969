import { HTTPException } from 'hono/http-exception';
import { scheduled } from './cron';
import { isD1Error } from './db/d1-errors';
import { withD1Counter } from './dev/d1-counter';
import { email } from './email/inbound';
import type { Env } from './env';
import { ApiError, errorBody } from './errors';
import { apiHeaders } from './middleware/api-headers';
import { widgetCors } from './middleware/cors';
import { databaseHandle } from './middleware/db';
import { serverTiming } from './middleware/server-timing';
import { queue } from './queues/consume';
import { adminRoutes } from './routes/admin';
import { agentTickets } from './routes/agent-tickets';
import { attachmentRoutes } from './routes/attachments';
import { conversationRoutes } from './routes/conversation';
import { conversationLinkRoutes } from './routes/conversation-link';
import { deskRoutes } from './routes/desk';
import { deskConsole } from './routes/desk-console';
import { devRoutes } from './routes/dev';
import { mountDocs } from './routes/docs';
import { escalationRoutes } from './routes/escalations';
import { formRoutes } from './routes/forms';
import { healthRoutes, UNAVAILABLE_RETRY_AFTER_SECONDS } from './routes/health';
import { intakeRoutes } from './routes/intake';
import { messageRoutes } from './routes/messages';
import { reportRoutes } from './routes/reports';
import { widgetRoutes } from './routes/widget';
import { createApi } from './validation';

/** The Kinobi Support API. Routes are mounted from worker/routes/*. */
export const app = createApi();

app.use('/v1/*', apiHeaders);
app.use('/v1/*', serverTiming);
app.use('/v1/*', databaseHandle);

// CORS preflights of the widget routes (they carry no key; see middleware/cors.ts).
app.options('/v1/widget/config', widgetCors);
app.options('/v1/response-targets', widgetCors);
app.options('/v1/tickets', widgetCors);
app.options('/v1/tickets/:id/messages', widgetCors);
app.options('/v1/tickets/:id/conversation', widgetCors);
app.options('/v1/conversations', widgetCors);
app.options('/v1/widget/unread', widgetCors);
app.options('/v1/tickets/:id/attachments', widgetCors);
app.options('/v1/attachments/:id', widgetCors);

app.route('/', healthRoutes);
app.route('/', widgetRoutes);
app.route('/', conversationRoutes);
app.route('/', attachmentRoutes);
app.route('/', intakeRoutes);
app.route('/', formRoutes);
app.route('/', conversationLinkRoutes);
mountDocs(app);

app.route('/v1/tickets', agentTickets);
app.route('/v1/tickets', messageRoutes);
app.route('/v1/tickets', escalationRoutes);
app.route('/v1/reports', reportRoutes);
app.route('/', deskRoutes);
app.route('/', devRoutes);
app.route('/v1/admin', adminRoutes);
app.route('/desk', deskConsole);

app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

/**
 * The widget's credential errors, readable cross-origin: without CORS headers a browser shows a
 * revoked key or a site that is not allowed as a network failure, and the widget would retry forever.
 * Only the error body is shared (nothing of a desk's data), so any origin may read it.
 */
const WIDGET_CREDENTIAL_ERRORS = new Set(['missing_widget_key', 'invalid_widget_key', 'origin_not_allowed']);

// One error shape, mapped once.
app.onError((err, c) => {
  if (err instanceof ApiError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    const origin = c.req.header('Origin');
    if (origin && WIDGET_CREDENTIAL_ERRORS.has(err.code)) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After, Date');
      c.header('Vary', 'Origin', { append: true });
    }
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    return c.json(errorBody(`http_${err.status}`, err.message || 'Request failed.'), err.status);
  }
  if (isD1Error(err)) {
    // Bad input never reaches D1 (validated first), so a D1 failure is ours and temporary.
    console.error('D1 error', err);
    c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    return c.json(
      errorBody('unavailable', 'The service is temporarily unavailable; try again shortly.'),
      503,
    );
  }
  console.error('unhandled error', err);
  return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
});

/** The Worker: every entry gets `env` through withD1Counter (a no-op unless the bench turns counting on). */
export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) =>
    app.fetch(request, withD1Counter(env, 'fetch'), ctx),
  scheduled: (controller, env, ctx) => scheduled(controller, withD1Counter(env, 'scheduled'), ctx),
  email: (message, env, ctx) => email(message, withD1Counter(env, 'email'), ctx),
  queue: (batch, env, ctx) => queue(batch, withD1Counter(env, 'queue'), ctx),
} satisfies ExportedHandler<Env>;
