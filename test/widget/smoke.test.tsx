import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';

describe('smoke', () => {
  it('renders', () => {
    render(<button type="button">Help</button>);
    expect(screen.getByRole('button').textContent).toBe('Help');
  });
});
