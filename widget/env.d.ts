/** File name of the hashed panel chunk, defined by scripts/build-widget.mjs at build time. */
declare const __KINOBI_PANEL__: string;

/** File names of the per-locale strings chunks, defined by scripts/build-widget.mjs at build time. */
declare const __KINOBI_STRINGS__: Record<import('../shared/schema').Locale, string>;

/** The host page's global: a stub queue before the loader runs, the real API after. */
interface Window {
  KinobiSupport?: Partial<import('./loader').KinobiGlobal>;
}
