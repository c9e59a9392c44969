import type { EnvironmentFinding, EnvironmentVerdict } from '../../../shared/environment';
import type { EnvironmentReport } from '../../../shared/schema';
import { fill } from '../../fill';
import type { Strings } from '../../strings';

/**
 * Why this setup is unsupported (evaluateEnvironment's reasons) and what to do about each, shown on
 * the first step; with `warnings`, also the warnings as tips (the review). Findings with no
 * user-facing text are left to the agent.
 */
export function EnvironmentNotice(props: {
  verdict: EnvironmentVerdict;
  report: EnvironmentReport;
  s: Strings;
  warnings?: boolean;
}) {
  const { verdict, report, s } = props;
  const browser = `${report.browser?.name ?? ''} ${report.browser?.version ?? ''}`.trim();
  const list = (findings: EnvironmentFinding[]) => (
    <ul>
      {findings.map((f) => {
        const text = (s as Record<string, string>)[`why_${f.code}`];
        return text && <li key={f.code}>{fill(text, { browser })}</li>;
      })}
    </ul>
  );
  return (
    <>
      {!verdict.supported && (
        <div class="notice warn" role="alert">
          <strong>{s.unsupportedTitle}</strong>
          <p>{s.unsupportedText}</p>
          {list(verdict.reasons)}
        </div>
      )}
      {props.warnings && verdict.warnings.length > 0 && (
        <div class="notice" role="note">
          <strong>{s.checkTitle}</strong>
          {list(verdict.warnings)}
        </div>
      )}
    </>
  );
}
