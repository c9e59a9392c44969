import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../shared/schema';
import type * as environment from './paths/environment';
import type * as security from './paths/security';
import type * as services from './paths/services';

/**
 * The rare paths, each its own lazy chunk (issue 12's weight: what every intake user loads stays small):
 * its words in both languages (so a language switch costs nothing) and its components, loaded when the
 * path is taken.
 */
const PATHS = {
  security: () => import('./paths/security'),
  services: () => import('./paths/services'),
  environment: () => import('./paths/environment'),
};

/** A rare path's name. */
export type PathName = keyof typeof PATHS;

type Modules = typeof security & typeof services & typeof environment;

/** Every rare path's words in one locale. */
export type PathStrings = Modules['strings']['en'];

/** The rare paths' components, those loaded so far. */
export type PathParts = Partial<Omit<Modules, 'strings'>>;

type Loaded = { strings: Record<Locale, object> } & PathParts;

/**
 * The words (in `locale`) and components of the paths in `need` that have loaded; a path is asked for once
 * it is needed and kept after. A chunk that fails to load (offline) leaves its path's parts out; the
 * form still works.
 */
export function usePaths(need: (PathName | false)[], locale: Locale): [Partial<PathStrings>, PathParts] {
  const [loaded, setLoaded] = useState<Partial<Record<PathName, Loaded>>>({});
  const wanted = need.filter((n): n is PathName => !!n && !loaded[n]);
  useEffect(() => {
    for (const name of wanted)
      PATHS[name]().then(
        (m) => setLoaded((l) => ({ ...l, [name]: m })),
        () => {},
      );
  }, [wanted.join()]);
  const mods = Object.values(loaded);
  return [Object.assign({}, ...mods.map((m) => m.strings[locale])), Object.assign({}, ...mods)];
}
