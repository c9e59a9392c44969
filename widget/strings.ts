import type { Locale } from '../shared/schema';
import { type Strings as BaseStrings, strings as en } from './locales/en';
import { strings as id } from './locales/id';
import type { PathStrings } from './paths';
import { strings as blocked } from './paths/blocked/strings';
import { strings as collected } from './paths/collected/strings';
import { strings as environment } from './paths/environment/strings';
import { strings as security } from './paths/security/strings';
import { strings as services } from './paths/services/strings';
import { type ServerErrorStrings, strings as serverErrors } from './server-errors';

export { fill } from './fill';

/**
 * The words the panel's components get: the locale's own (always there) and those of the rare paths
 * (security incident, professional services, unsupported setup, a site the API refuses) and of a
 * refused request (server-errors.ts), present once that path's chunk has loaded (see paths.ts).
 */
export type Strings = BaseStrings & Partial<PathStrings & ServerErrorStrings>;

/**
 * Every word of a locale at once, for tests and tools. The panel never imports this file: it loads only
 * the active locale's `locales/<locale>.ts` as its own chunk (see panel.tsx), which keeps the other
 * language's ~2 KB gzip out of what a user downloads, and each rare path's words as that path's chunk.
 */
export const stringsFor = (locale: Locale): BaseStrings & PathStrings & ServerErrorStrings => ({
  ...(locale === 'id' ? id : en),
  ...security[locale],
  ...services[locale],
  ...environment[locale],
  ...collected[locale],
  ...blocked[locale],
  ...serverErrors[locale],
});
