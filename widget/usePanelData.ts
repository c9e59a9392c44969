import { useEffect, useRef, useState } from 'preact/hooks';
import type { Locale, ResponseTargets } from '../shared/schema';
import type { ApiClient, WidgetConfig } from './api';
import type { Strings } from './strings';

/**
 * The tenant's config and the response targets, both fetched in parallel the first time the panel
 * opens; `null` when a request failed (the panel then shows the standard hours). `clock` pairs the
 * server's Date header with the local time it was seen at, for the clock-skew check.
 */
export function usePanelData(api: ApiClient, open: boolean, now: () => number, token?: string) {
  const [config, setConfig] = useState<WidgetConfig | null | undefined>(undefined);
  const [targets, setTargets] = useState<ResponseTargets | null | undefined>(undefined);
  const [clock, setClock] = useState<{ serverDate?: number; at: number }>({ at: now() });
  /** The config request's status when it failed: 401/403 say the form is not available on this site. */
  const [status, setStatus] = useState(0);
  // the token the data was asked for ('' for none); another user's token asks again
  const asked = useRef<string>(undefined);
  useEffect(() => {
    if (!open || asked.current === (token ?? '')) return;
    asked.current = token ?? '';
    // answers to an earlier user's requests are dropped
    const mine = () => asked.current === (token ?? '');
    void api.config(token).then((r) => {
      if (!mine()) return;
      setConfig(r.ok && r.data ? r.data : null);
      setStatus(r.ok ? 0 : r.status);
    });
    void api.targets(new Date(now()), token).then((r) => {
      if (!mine()) return;
      setTargets(r.ok ? r.data : null);
      setClock({ serverDate: r.serverDate, at: now() });
    });
  }, [open, token]);
  return { config, targets, clock, status };
}

/** Loads one locale's strings: synchronously when the loader already has them, else as a chunk. */
export type LoadStrings = (locale: Locale) => Strings | Promise<Strings>;

/**
 * The strings of `locale`; while its chunk loads, the last locale's (so switching language keeps
 * the panel and its focus), or undefined before any has loaded.
 */
export function useStrings(load: LoadStrings, locale: Locale): Strings | undefined {
  const [loaded, setLoaded] = useState<Partial<Record<Locale, Strings>>>({});
  const last = useRef<Strings>(undefined);
  const now = loaded[locale] ?? load(locale);
  const ready = now instanceof Promise ? undefined : now;
  useEffect(() => {
    if (ready || !(now instanceof Promise)) return;
    now.then(
      (s) => setLoaded((m) => ({ ...m, [locale]: s })),
      () => {}, // a chunk that failed to load: the launcher stays, the panel cannot open
    );
  }, [locale, !ready]);
  if (ready) last.current = ready;
  return last.current;
}
