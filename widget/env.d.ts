/** File name of the hashed panel chunk, defined by scripts/build-widget.mjs at build time. */
declare const __KINOBI_PANEL__: string;

/** The host page's global: a stub queue before the loader runs, the real API after. */
interface Window {
  KinobiSupport?: Partial<import('./loader').KinobiGlobal>;
}
