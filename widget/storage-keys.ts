/** localStorage key of the outbox of unsent tickets for one widget key. */
export const outboxKey = (widgetKey: string): string => `kinobi:outbox:${widgetKey}`;

/** localStorage key of the unsent draft for one widget key. */
export const draftKey = (widgetKey: string): string => `kinobi:draft:${widgetKey}`;
