import { describe, expect, it } from 'vitest';
import {
  portalStatus,
  tempPasswordState,
  type PortalAccountFacts,
  type PortalStateFacts,
  type PortalStatus,
  type PortalStatusInput,
  type TempPasswordState,
} from '../../common/rules/portalStatus';

const T = '2026-11-20T10:00:00.000Z';
const bools = [false, true] as const;
const times = [null, T] as const;

function* accounts(): Generator<PortalAccountFacts | null> {
  yield null;
  for (const deleted of bools)
    for (const accessEnabled of bools)
      for (const invitationRequestedAt of times)
        for (const activatedByClinicAt of times)
          for (const resetRequestedAt of times)
            for (const unlockRequestedAt of times)
              for (const tempPassword of ['none', 'valid', 'expired'] as TempPasswordState[])
                yield {
                  deleted,
                  accessEnabled,
                  invitationRequestedAt,
                  activatedByClinicAt,
                  resetRequestedAt,
                  unlockRequestedAt,
                  tempPassword,
                  tempPasswordExpiresAt: tempPassword === 'none' ? null : T,
                };
}

function* states(): Generator<PortalStateFacts | null> {
  yield null;
  for (const invitedAt of times)
    for (const activatedAt of times)
      for (const lastSignInAt of times)
        for (const locked of bools)
          yield { invitedAt, activatedAt, lastSignInAt, locked, lockedAt: locked ? T : null, failedAttempts: locked ? 5 : 1 };
}

function* inputs(): Generator<PortalStatusInput> {
  for (const portalEnabled of bools)
    for (const account of accounts())
      for (const hasEmail of bools)
        for (const hasPostalCode of bools) for (const state of states()) yield { portalEnabled, account, hasEmail, hasPostalCode, state };
}

const all = [...inputs()];
type Rule = (i: PortalStatusInput, s: PortalStatus, eq: (actual: unknown, expected: unknown) => void) => void;

const RULES: Array<[string, Rule]> = [
  ['disabled when the clinic portal is off or staff disabled access', (i, s, eq) => {
    const live = i.account && !i.account.deleted;
    eq(s.kind === 'disabled', !i.portalEnabled || (!!live && !i.account?.accessEnabled));
  }],
  ['reasons follow seed 001 (access, email, postal code) and nothing else', (i, s, eq) => {
    const live = i.account && !i.account.deleted ? i.account : null;
    const activated = !!live && (!!i.state?.activatedAt || !!live.activatedByClinicAt);
    const temp = live?.tempPassword ?? 'none';
    eq(s.reasons.includes('portalOff'), !i.portalEnabled);
    eq(s.reasons.includes('accessNotEnabled'), !live);
    eq(s.reasons.includes('associationDeleted'), !!i.account?.deleted);
    eq(s.reasons.includes('accessDisabled'), !!live && !live.accessEnabled);
    const noWayIn = !i.hasEmail && !activated && temp !== 'valid';
    eq(s.reasons.includes('noEmail'), noWayIn);
    eq(s.reasons.includes('tempPasswordExpired'), noWayIn && temp === 'expired');
    eq(s.reasons.includes('noPostalCode'), !i.hasPostalCode);
    eq(new Set(s.reasons).size, s.reasons.length);
  }],
  ['inactive exactly when something is missing and nobody turned it off', (i, s, eq) => {
    if (s.kind === 'disabled') return;
    eq(s.kind === 'inactive', s.reasons.length > 0);
  }],
  ['a usable account is locked, active or awaiting activation, in that order', (i, s, eq) => {
    if (s.kind === 'disabled' || s.kind === 'inactive') return;
    const live = i.account as PortalAccountFacts;
    eq(live.deleted, false);
    const activated = !!i.state?.activatedAt || !!live.activatedByClinicAt;
    eq(s.activated, activated);
    const expected = i.state?.locked ? 'locked' : activated ? 'active' : 'awaiting';
    eq(s.kind, expected);
  }],
  ['the onboarding colour: red not enabled, gray not invited, orange invited, green active', (i, s, eq) => {
    const live = i.account && !i.account.deleted ? i.account : null;
    const invited = !!live && (!!live.invitationRequestedAt || !!i.state?.invitedAt || live.tempPassword === 'valid');
    eq(s.invited, invited);
    if (s.kind === 'disabled' || s.kind === 'inactive') eq(s.group, 'notEnabled');
    else if (s.activated) eq(s.group, 'active');
    else eq(s.group, invited ? 'invited' : 'notInvited');
  }],
  ['actions: nothing while the portal is off; create without an account; the rest on one', (i, s, eq) => {
    const live = i.account && !i.account.deleted ? i.account : null;
    const has = (a: string) => s.actions.includes(a as never);
    if (!i.portalEnabled) return eq(s.actions.length, 0);
    eq(has('create'), !live);
    for (const a of ['edit', 'delete', 'changeEmail', 'tempPassword']) eq(has(a), !!live);
    eq(has('enable'), !!live && !live.accessEnabled);
    eq(has('disable'), !!live && live.accessEnabled);
    const usable = ['awaiting', 'active', 'locked'].includes(s.kind);
    eq(has('sendActivation'), usable && i.hasEmail && !s.activated);
    eq(has('sendReset'), usable && i.hasEmail);
    eq(has('unlock'), s.kind === 'locked');
  }],
  ['details come from a live account only, and the lock only while locked', (i, s, eq) => {
    const live = i.account && !i.account.deleted ? i.account : null;
    eq(s.invitationRequestedAt, live?.invitationRequestedAt ?? null);
    eq(s.invitationSentAt, live ? (i.state?.invitedAt ?? null) : null);
    eq(s.lastSignInAt, live ? (i.state?.lastSignInAt ?? null) : null);
    eq(s.resetRequestedAt, live?.resetRequestedAt ?? null);
    eq(s.tempPasswordExpiresAt, live && live.tempPassword !== 'none' ? T : null);
    const locked = !!live && !!i.state?.locked;
    eq(s.lockedAt, locked ? T : null);
    eq(s.unlockRequestedAt, locked ? (live?.unlockRequestedAt ?? null) : null);
  }],
];

/** Every input the rule finds wrong (the first five), for the status function given. */
function violations(rule: Rule, fn: (i: PortalStatusInput) => PortalStatus): string[] {
  // collected, not asserted one by one: 26k inputs × a dozen expects would take seconds
  const failures: string[] = [];
  for (const input of all) {
    const status = fn(input);
    rule(input, status, (actual, expected) => {
      if (!Object.is(actual, expected) && failures.length < 5) {
        failures.push(`${JSON.stringify(input)} → ${JSON.stringify(status)}: got ${String(actual)}, want ${String(expected)}`);
      }
    });
  }
  return failures;
}

describe('portal status: every combination of its inputs', () => {
  it('covers the whole input space', () => {
    // 2 portal × (1 + 2·2·2·2·2·2·3 accounts) × 2 email × 2 postal × (1 + 2·2·2·2 states)
    expect(all.length).toBe(2 * (1 + 192) * 2 * 2 * 17);
  });

  it.each(RULES)('%s', (_name, rule) => {
    expect(violations(rule, portalStatus)).toEqual([]);
  });

  it('the rules catch a status function that gets one thing wrong', () => {
    const rules = RULES.map(([, r]) => r);
    const broken: Array<(i: PortalStatusInput) => PortalStatus> = [
      (i) => ({ ...portalStatus(i), reasons: portalStatus(i).reasons.filter((r) => r !== 'noPostalCode') }),
      (i) => ({ ...portalStatus(i), kind: portalStatus(i).kind === 'locked' ? 'active' : portalStatus(i).kind }),
      (i) => ({ ...portalStatus(i), actions: portalStatus(i).actions.filter((a) => a !== 'unlock') }),
      (i) => ({ ...portalStatus(i), group: portalStatus(i).group === 'invited' ? 'notInvited' : portalStatus(i).group }),
    ];
    for (const fn of broken) expect(rules.some((r) => violations(r, fn).length > 0)).toBe(true);
  });

  it('reads as the seed describes it', () => {
    const account: PortalAccountFacts = {
      deleted: false, accessEnabled: true, invitationRequestedAt: T, activatedByClinicAt: null,
      resetRequestedAt: null, unlockRequestedAt: null, tempPassword: 'none', tempPasswordExpiresAt: null,
    };
    const base = { portalEnabled: true, hasEmail: true, hasPostalCode: true, state: null };
    expect(portalStatus({ ...base, account: null, hasEmail: false })).toMatchObject({ kind: 'inactive', reasons: ['accessNotEnabled', 'noEmail'] });
    expect(portalStatus({ ...base, account })).toMatchObject({ kind: 'awaiting', group: 'invited', invitationRequestedAt: T });
    const signedIn = { invitedAt: T, activatedAt: T, lastSignInAt: T, locked: false, lockedAt: null, failedAttempts: 0 };
    expect(portalStatus({ ...base, account, state: signedIn })).toMatchObject({ kind: 'active', lastSignInAt: T, group: 'active' });
    expect(portalStatus({ ...base, account: { ...account, invitationRequestedAt: null, tempPassword: 'valid', tempPasswordExpiresAt: T }, hasEmail: false }))
      .toMatchObject({ kind: 'awaiting', group: 'invited', tempPasswordExpiresAt: T, actions: expect.not.arrayContaining(['sendActivation']) });
  });
});

describe('temporary password state', () => {
  it('is none without a hash, valid before its expiry, expired from it on', () => {
    expect(tempPasswordState(null, T, '2026-11-01T00:00:00.000Z')).toBe('none');
    expect(tempPasswordState('h', T, '2026-11-20T09:59:59.999Z')).toBe('valid');
    expect(tempPasswordState('h', T, T)).toBe('expired');
  });
});
