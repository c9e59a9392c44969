import type { Locale } from '../shared/schema';
import { strings as en, type Strings } from './locales/en';
import { strings as id } from './locales/id';

export { fill } from './fill';
export type { Strings };

/**
 * Both locales at once, for tests and tools. The panel never imports this file: it loads only the
 * active locale's `locales/<locale>.ts` as its own chunk (see panel.tsx), which keeps the other
 * language's ~2 KB gzip out of what a user downloads.
 */
export const stringsFor = (locale: Locale): Strings => (locale === 'id' ? id : en);
