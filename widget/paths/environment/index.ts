// The unsupported-setup path's chunk (widget/paths.ts): its words and its notice.
export { EnvironmentNotice } from './EnvironmentNotice';
export { strings } from './strings';
