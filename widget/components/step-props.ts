import type { Draft } from '../draft';
import type { Strings } from '../strings';

/** What every form step receives: the draft, a patch setter, the strings and field errors. */
export interface StepProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  s: Strings;
  errors: Partial<Record<keyof Draft, string>>;
}
