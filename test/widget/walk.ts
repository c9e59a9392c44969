import { fireEvent, screen } from '@testing-library/preact';

/** Types into a labelled field. */
export const type = (label: RegExp | string, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });

/** Types into the description, whose label depends on the category. */
export const describe_ = (value: string) =>
  fireEvent.input(document.getElementById('k-description') as HTMLElement, { target: { value } });

/** Clicks a radio or button by its accessible name. */
export const pick = (name: RegExp | string) => fireEvent.click(screen.getByRole('radio', { name }));
export const press = (name: RegExp | string) => fireEvent.click(screen.getByRole('button', { name }));

/** Fills step 1 with a category (a problem by default) and moves on. */
export function fillWhat(category: RegExp = /something is not working/i) {
  pick(category);
  type(/subject/i, 'Export fails');
  describe_('The CSV export shows an error.');
  press(/next/i);
}

/** Fills the contact step and moves on to the review. */
export function fillContact() {
  type(/^name/i, 'Sari');
  type(/^email/i, 'sari@example.co.id');
  press(/next/i);
}
