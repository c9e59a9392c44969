// ES5 syntax: the loader (built for old browsers) imports these too.

/** localStorage key of the outbox of unsent tickets for one widget key. */
export function outboxKey(widgetKey: string): string {
  return 'kinobi:outbox:' + widgetKey;
}

/** localStorage key of the unsent draft for one widget key. */
export function draftKey(widgetKey: string): string {
  return 'kinobi:draft:' + widgetKey;
}

/** localStorage key of the language the user chose in the panel, which the launcher speaks too. */
export function localeKey(widgetKey: string): string {
  return 'kinobi:lang:' + widgetKey;
}

/** localStorage key of the last result, shown again after a reload until a new request is started. */
export function resultKey(widgetKey: string): string {
  return 'kinobi:result:' + widgetKey;
}

/** localStorage key of the tickets this device holds, `{ [ticket id]: access token }`, for one widget key. */
export function ticketsKey(widgetKey: string): string {
  return 'kinobi:tickets:' + widgetKey;
}

/** localStorage key of the outbox of unsent replies (issue 13) for one widget key. */
export function repliesKey(widgetKey: string): string {
  return 'kinobi:replies:' + widgetKey;
}
