// The widget request the benches send: one problem report from a supported Chrome, as the widget posts it.
// (A leading underscore: scripts/bench.mjs runs every other file here as a benchmark.)

/** A supported desktop Chrome's user agent (the environment check passes it). */
export const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** The JSON body of one POST /v1/tickets from the widget, with the host context, under `subject`. */
export const widgetTicketBody = (subject) =>
  JSON.stringify({
    subject,
    description: 'The report page answers with an error since this morning.',
    category: 'problem',
    impact: { affected: 'main_function_degraded', workaround: 'limited' },
    contact: { name: 'Budi', email: 'budi@customer.example' },
    environment: { userAgent: CHROME_UA, cookiesEnabled: true },
    context: { appVersion: '3.2.1', deployment: 'production' },
  });
