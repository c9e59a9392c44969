import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../shared/schema';
import type { strings as environment } from './paths/environment';
import type { strings as security } from './paths/security';
import type { strings as services } from './paths/services';

/**
 * The rare paths whose words are their own lazy chunk (issue 12's weight: what every intake user loads
 * stays small): each loads when its path is taken, with both languages, so switching costs nothing.
 */
const PATHS = {
  security: () => import('./paths/security'),
  services: () => import('./paths/services'),
  environment: () => import('./paths/environment'),
};

/** A rare path's name. */
export type PathName = keyof typeof PATHS;

/** Every rare path's words in one locale. */
export type PathStrings = (typeof security)['en'] & (typeof services)['en'] & (typeof environment)['en'];

type Pack = Record<Locale, Record<string, string>>;

/**
 * The words of the paths in `need` that have loaded, in `locale`; a path is asked for once it is needed
 * and kept after. A chunk that fails to load (offline) leaves its path's notes out; the form still works.
 */
export function usePathStrings(need: (PathName | false)[], locale: Locale): Partial<PathStrings> {
  const [loaded, setLoaded] = useState<Partial<Record<PathName, Pack>>>({});
  const wanted = need.filter((n): n is PathName => !!n && !loaded[n]);
  useEffect(() => {
    for (const name of wanted)
      PATHS[name]().then(
        (m) => setLoaded((l) => ({ ...l, [name]: m.strings })),
        () => {},
      );
  }, [wanted.join()]);
  return Object.assign({}, ...Object.values(loaded).map((pack) => pack[locale]));
}
