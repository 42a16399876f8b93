import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime } from '../../renderer/format';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: {}, showSupportNotice: false });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await i18next.changeLanguage('en');
});

describe('dates on screen', () => {
  it('shows a date of birth in the language chosen, unshifted by the time zone', async () => {
    expect(formatDate('1980-12-24')).toBe('24/12/1980');
    await i18next.changeLanguage('da');
    expect(formatDate('1980-12-24')).toBe('24.12.1980');
    expect(formatDate(null)).toBe('');
  });

  it('builds a formatter once per language, not once per date (a table formats dozens per key press)', () => {
    const Real = Intl.DateTimeFormat;
    let built = 0;
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (this: unknown, ...args: ConstructorParameters<typeof Real>) {
      built++;
      return new Real(...args);
    } as unknown as typeof Real);
    for (let i = 0; i < 200; i++) {
      formatDate('1980-12-24');
      formatDateTime('2026-11-22T10:00:00.000Z');
    }
    expect(built).toBeLessThanOrEqual(2);
  });
});
