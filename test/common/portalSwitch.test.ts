import { describe, expect, it } from 'vitest';
import { disabledBySwitch, type PortalSwitchEvent } from '../../common/rules/portalSwitch';

const ev = (id: string, at: string, enabled: boolean): PortalSwitchEvent => ({ id, at, enabled, by: 'Ada Admin', reason: null });
const events = [
  ev('off-1', '2026-11-01T10:00:00.000Z', false),
  ev('on-1', '2026-11-02T10:00:00.000Z', true),
  ev('off-2', '2026-11-05T10:00:00.000Z', false),
  ev('on-2', '2026-11-06T10:00:00.000Z', true),
];

describe('keys switched off by the portal switch', () => {
  it('a key issued before a disable is disabled by it, and enabling again does not restore it', () => {
    expect(disabledBySwitch('2026-10-30T08:00:00.000Z', events)?.id).toBe('off-1');
  });

  it('a key issued between a re-enable and the next disable belongs to that next disable', () => {
    expect(disabledBySwitch('2026-11-03T08:00:00.000Z', events)?.id).toBe('off-2');
  });

  it('a key issued after the last re-enable is untouched', () => {
    expect(disabledBySwitch('2026-11-07T08:00:00.000Z', events)).toBeNull();
  });

  it('a disable at the very instant of issue counts (the safe side)', () => {
    expect(disabledBySwitch('2026-11-05T10:00:00.000Z', events)?.id).toBe('off-2');
  });

  it('does not rely on the order of the events', () => {
    expect(disabledBySwitch('2026-10-30T08:00:00.000Z', [...events].reverse())?.id).toBe('off-1');
  });
});
