// What the review's "sent with your request" details list, its own chunk (widget/paths.ts), loaded when
// the user opens them.
export { Collected } from './Collected';
export { strings } from './strings';
