import { describe, expect, it } from 'vitest';
import { pickChannel } from '../../common/rules/channels';
import type { Channel } from '../../common/settings';

type Contact = 'both' | 'email only' | 'mobile only' | 'neither';
const contactOf = (c: Contact) => ({ hasEmail: c === 'both' || c === 'email only', hasMobile: c === 'both' || c === 'mobile only' });

/**
 * Every combination of preference, enabled channels and the patient's contact on file, with the
 * answer written out by hand (seed 003: the preferred channel, else the other one, else none).
 */
const table: Array<[Channel, Channel[], Contact, Channel | null]> = [
  ['email', ['email', 'sms'], 'both', 'email'],
  ['email', ['email', 'sms'], 'email only', 'email'],
  ['email', ['email', 'sms'], 'mobile only', 'sms'],
  ['email', ['email', 'sms'], 'neither', null],
  ['sms', ['email', 'sms'], 'both', 'sms'],
  ['sms', ['email', 'sms'], 'email only', 'email'],
  ['sms', ['email', 'sms'], 'mobile only', 'sms'],
  ['sms', ['email', 'sms'], 'neither', null],
  ['email', ['email'], 'both', 'email'],
  ['email', ['email'], 'email only', 'email'],
  ['email', ['email'], 'mobile only', null],
  ['email', ['email'], 'neither', null],
  ['sms', ['sms'], 'both', 'sms'],
  ['sms', ['sms'], 'email only', null],
  ['sms', ['sms'], 'mobile only', 'sms'],
  ['sms', ['sms'], 'neither', null],
  // a preference the clinic did not enable (an old saved value) never sends on a disabled channel
  ['sms', ['email'], 'both', 'email'],
  ['sms', ['email'], 'email only', 'email'],
  ['sms', ['email'], 'mobile only', null],
  ['sms', ['email'], 'neither', null],
  ['email', ['sms'], 'both', 'sms'],
  ['email', ['sms'], 'email only', null],
  ['email', ['sms'], 'mobile only', 'sms'],
  ['email', ['sms'], 'neither', null],
];

describe('channel choice with fallback', () => {
  it('covers every combination of preference, enabled channels and contact', () => {
    const seen = new Set(table.map(([p, e, c]) => `${p}|${e.join('+')}|${c}`));
    expect(seen.size).toBe(2 * 3 * 4);
  });

  it.each(table)('preference %s, enabled %j, patient has %s → %s', (preference, enabled, contact, expected) => {
    expect(pickChannel(preference, enabled, contactOf(contact))).toBe(expected);
  });

  it('does not depend on the order the channels were enabled in', () => {
    expect(pickChannel('sms', ['sms', 'email'], contactOf('both'))).toBe('sms');
    expect(pickChannel('email', ['sms', 'email'], contactOf('both'))).toBe('email');
  });

  it('sends nothing when no channel is enabled', () => {
    expect(pickChannel('email', [], contactOf('both'))).toBeNull();
  });
});
