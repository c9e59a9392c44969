/**
 * The build's hash, defined by scripts/build-widget.mjs: the panel is panel-<hash>.js and each
 * locale's strings strings-<locale>-<hash>.js.
 */
declare const __KINOBI_BUILD__: string;

/** The host page's global: a stub queue before the loader runs, the real API after. */
interface Window {
  KinobiSupport?: Partial<import('./loader').KinobiGlobal>;
}
