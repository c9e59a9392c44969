import type { Affected, Category, ServicesKind, Workaround } from '../shared/schema';

/** What the user has typed so far; survives closing the panel and reloading the page. */
export interface Draft {
  category: Category;
  subject: string;
  description: string;
  steps: string;
  expected: string;
  affected?: Affected;
  workaround?: Workaround;
  servicesKind?: ServicesKind;
  /** Whether third-party software or an integration not provided by Kinobi is involved. */
  thirdParty?: 'yes' | 'no';
  thirdPartyName: string;
  /** Security incidents: is personal data involved (optional); sent as `personalData`, 'unsure' as true. */
  personalData?: 'yes' | 'no' | 'unsure';
  name: string;
  email: string;
}

/** An empty draft, with contact details prefilled from `identify`. */
export const emptyDraft = (contact: { name?: string; email?: string } = {}): Draft => ({
  category: 'problem',
  subject: '',
  description: '',
  steps: '',
  expected: '',
  thirdPartyName: '',
  name: contact.name ?? '',
  email: contact.email ?? '',
});

/** Reads a saved draft, or an empty one when there is none or storage is blocked. */
export function loadDraft(
  storage: Storage | undefined,
  key: string,
  contact: { name?: string; email?: string },
) {
  const base = emptyDraft(contact);
  try {
    const saved = JSON.parse(storage?.getItem(key) || 'null') as Partial<Draft> | null;
    if (!saved) return base;
    // identify() wins over empty saved contact fields, never over what the user typed
    return { ...base, ...saved, name: saved.name || base.name, email: saved.email || base.email };
  } catch {
    return base;
  }
}

/** Saves the draft, or removes it when `draft` is null. Storage failures are ignored. */
export function saveDraft(storage: Storage | undefined, key: string, draft: Draft | null): void {
  try {
    if (draft) storage?.setItem(key, JSON.stringify(draft));
    else storage?.removeItem(key);
  } catch {
    // private mode or quota: the in-memory draft still survives closing the panel
  }
}
