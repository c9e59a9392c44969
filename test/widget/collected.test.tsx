import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentReport } from '../../shared/schema';
import { Collected } from '../../widget/paths/collected/Collected';
import { stringsFor } from '../../widget/strings';

afterEach(cleanup);

const report: EnvironmentReport = {
  userAgent: 'test',
  viewport: { width: 800, height: 600 },
  online: true,
};

describe('Collected: the review details of what is sent', () => {
  it("brings its own styles into the panel's shadow root, once, beside the panel's sheet", () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    const panelSheet = new CSSStyleSheet();
    root.adoptedStyleSheets = [panelSheet];
    const into = (): HTMLElement => root.appendChild(document.createElement('div'));
    const s = stringsFor('en');
    render(<Collected report={report} context={{ pageUrl: 'https://app.example/x' }} s={s} />, {
      container: into(),
    });
    render(<Collected report={report} context={{}} s={s} />, { container: into() });
    expect(root.textContent).toContain('Window');
    expect(root.textContent).toContain('800 × 600');
    expect(root.adoptedStyleSheets).toHaveLength(2);
    expect(root.adoptedStyleSheets[0]).toBe(panelSheet);
    const rules = [...(root.adoptedStyleSheets[1]?.cssRules ?? [])].map((r) => r.cssText).join(' ');
    expect(rules).toMatch(/\.env dt/);
    expect(rules).toMatch(/\.env dl div/);
    host.remove();
  });
});
