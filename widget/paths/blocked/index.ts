// A site the API refused (401/403), its own chunk (widget/paths.ts): only words, the panel has the markup.
export { strings } from './strings';
