import type { Draft } from '../draft';
import type { PathParts } from '../paths';
import type { Strings } from '../strings';

/** What every form step receives: the draft, a patch setter, the strings and field errors. */
export interface StepProps {
  draft: Draft;
  set: (patch: Partial<Draft>) => void;
  s: Strings;
  errors: Partial<Record<keyof Draft, string>>;
  /** The contact comes from a signed identity: name and email are shown read-only. */
  locked?: boolean;
  /** The components of the rare paths' chunks loaded so far (widget/paths.ts). */
  parts?: PathParts;
}
