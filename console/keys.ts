/** What each console shortcut does (the list on every page's footer says the same). */
export type Shortcut = 'next' | 'previous' | 'search' | 'help' | 'reply' | 'note' | 'assign' | 'escalate';

const KEYS: Record<string, Shortcut> = {
  j: 'next',
  k: 'previous',
  '/': 'search',
  '?': 'help',
  r: 'reply',
  n: 'note',
  a: 'assign',
  e: 'escalate',
};

/** The shortcut of a key, if it is one. */
export function shortcutFor(key: string): Shortcut | undefined {
  return Object.hasOwn(KEYS, key) ? KEYS[key] : undefined;
}

/** True while the user types in a field: letters are text there, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
