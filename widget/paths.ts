import type { Locale } from '../shared/schema';
import type * as blocked from './paths/blocked';
import type * as collected from './paths/collected';
import type * as environment from './paths/environment';
import type * as security from './paths/security';
import type * as services from './paths/services';

/**
 * The rare paths, each its own lazy chunk (issue 12's weight: what every intake user loads stays small):
 * its words in both languages (so a language switch costs nothing) and its components, loaded when the
 * path is taken.
 */
export const PATHS = {
  security: () => import('./paths/security'),
  services: () => import('./paths/services'),
  environment: () => import('./paths/environment'),
  collected: () => import('./paths/collected'),
  blocked: () => import('./paths/blocked'),
};

/** A rare path's name. */
export type PathName = keyof typeof PATHS;

type Modules = typeof security & typeof services & typeof environment & typeof collected & typeof blocked;

/** Every rare path's words in one locale. */
export type PathStrings = Modules['strings']['en'];

/** The rare paths' components, those loaded so far. */
export type PathParts = Partial<Omit<Modules, 'strings'>>;

/** A loaded path chunk: its words in both languages and its components. */
export type Loaded = { strings: Record<Locale, object> } & PathParts;

/** The words (in `locale`) and the components of the path chunks loaded so far. */
export function pathParts(
  loaded: Partial<Record<PathName, Loaded>>,
  locale: Locale,
): [Partial<PathStrings>, PathParts] {
  const mods = Object.values(loaded);
  return [Object.assign({}, ...mods.map((m) => m.strings[locale])), Object.assign({}, ...mods)];
}
