import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../widget/App';
import { fakeApi, makeConfig, makeCoverage, makeProps, makeTargets, NOW } from './fixtures';
import { describe_, fillContact, fillWhat, pick, press, type } from './walk';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** A tenant whose default calendar is closed now, but whose severity 1 is covered 24x7. */
const config = makeConfig({
  open: false,
  nextOpenAt: '2026-12-01T02:00:00.000Z',
  coverage: [
    makeCoverage(
      1,
      {
        timeZone: 'Asia/Jakarta',
        windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }],
        holidays: 'none',
        closeCollectiveLeave: false,
      },
      true,
      new Date(NOW).toISOString(),
    ),
  ],
});

describe('ResponseTime: per-severity coverage from the config', () => {
  it("shows severity 1 its own 24x7 hours and open state, and severity 3 the tenant's default hours", async () => {
    const api = fakeApi(['ok'], makeTargets({ open: false }), config);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    fillWhat();
    pick(/nothing works/i);
    pick(/no, i cannot/i);
    expect(await screen.findByText('Severity 1: first response by Mon 30 Nov, 12:00 WIB')).toBeTruthy();
    expect(screen.getByText('Severity 1 is covered 24 hours a day, 7 days a week.')).toBeTruthy();
    expect(screen.getByText('Support is open now.')).toBeTruthy();
    expect(screen.queryByText(/^Support hours:/)).toBeNull();
    expect(screen.queryByText(/closed now/)).toBeNull();

    pick(/a minor feature/i);
    pick(/reasonable way/i);
    expect(await screen.findByText('Severity 3: first response by Tue 1 Dec, 10:00 WIB')).toBeTruthy();
    expect(
      screen.getByText('Support hours: Monday–Friday, 09:00–18:00 WIB, except national holidays.'),
    ).toBeTruthy();
    expect(screen.getByText('Support is closed now; it opens again Tue 1 Dec, 09:00 WIB.')).toBeTruthy();
    expect(screen.queryByText(/24 hours/)).toBeNull();
  });

  it('shows the 24x7 coverage on the security fast path, which is severity 1', async () => {
    const api = fakeApi(['ok'], makeTargets({ open: false }), config);
    render(<App {...makeProps({ fetchImpl: api.fetchImpl })} />);
    pick(/security incident/i);
    type(/subject/i, 'Leaked API key');
    describe_('A key was posted publicly.');
    press(/next/i);
    fillContact();
    expect(await screen.findByText('Severity 1 is covered 24 hours a day, 7 days a week.')).toBeTruthy();
    expect(screen.getByText('Support is open now.')).toBeTruthy();
  });

  it("lists an override's windows in its own zone, and speaks Indonesian", async () => {
    const extended = makeConfig({
      coverage: [
        makeCoverage(
          2,
          {
            timeZone: 'Asia/Makassar',
            windows: [{ days: [1, 2, 3, 4, 5, 6], start: '07:00', end: '22:00' }],
            holidays: 'id',
            closeCollectiveLeave: true,
          },
          false,
          '2026-11-30T23:00:00.000Z',
        ),
      ],
    });
    const api = fakeApi(['ok'], makeTargets({ open: true }), extended);
    const props = makeProps({ fetchImpl: api.fetchImpl, timeZone: 'Asia/Makassar' });
    render(<App {...props} options={{ ...props.options, locale: 'id' }} />);
    fillWhatId();
    pick(/fitur utama/i);
    pick(/tidak bisa mengatasinya/i);
    expect(
      await screen.findByText(
        'Jam dukungan severity 2: Senin–Sabtu, 07.00–22.00 WITA, kecuali hari libur nasional dan cuti bersama.',
      ),
    ).toBeTruthy();
    // the override's closed state, although the default calendar (and the targets) say open
    expect(screen.getByText(/^Dukungan sedang tutup; buka lagi .*07[.:]00 WITA\.$/)).toBeTruthy();
  });
});

/** Step 1 in Indonesian. */
function fillWhatId() {
  pick(/ada yang tidak berfungsi/i);
  type(/judul/i, 'Ekspor gagal');
  type(/apa yang terjadi/i, 'Ekspor CSV menampilkan error.');
  press(/lanjut/i);
}
