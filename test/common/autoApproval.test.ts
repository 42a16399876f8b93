import { describe, expect, it } from 'vitest';
import { autoDecision, type AutoFacts } from '../../common/rules/autoApproval';
import { rankCandidates, type IdentityFacts } from '../../common/rules/identityMatch';

const entered: IdentityFacts = { email: 'ida@example.dk', familyName: 'Holm', givenName: 'Ida', dateOfBirth: '1990-02-11', postalCode: '2100', phone: null };
const facts = (charts: Array<{ id: string; facts: Partial<IdentityFacts> }>, patch: Partial<AutoFacts> = {}): AutoFacts => ({
  verification: 'strong',
  createsPatient: false,
  match: rankCandidates(entered, charts.map((c) => ({ id: c.id, facts: { ...entered, ...c.facts } }))),
  hasAccount: () => false,
  emailShared: () => false,
  ...patch,
});

describe('automatic approval of a strongly verified registration', () => {
  it('exactly one patient matches: approve to that patient', () => {
    expect(autoDecision(facts([{ id: 'a', facts: {} }, { id: 'b', facts: { familyName: 'Berg', postalCode: '9000' } }]))).toEqual({ kind: 'approve', patientId: 'a' });
  });

  it('verified by email only: always staff', () => {
    expect(autoDecision(facts([{ id: 'a', facts: {} }], { verification: 'email' }))).toEqual({ kind: 'manual', reason: 'emailOnly' });
  });

  it('two patients match: staff, as a possible duplicate', () => {
    expect(autoDecision(facts([{ id: 'a', facts: {} }, { id: 'b', facts: {} }]))).toEqual({ kind: 'manual', reason: 'severalMatches' });
  });

  it('the one match has an account already, or shares its email with another account: staff', () => {
    expect(autoDecision(facts([{ id: 'a', facts: {} }], { hasAccount: (id) => id === 'a' }))).toEqual({ kind: 'manual', reason: 'hasAccount' });
    expect(autoDecision(facts([{ id: 'a', facts: {} }], { emailShared: (id) => id === 'a' }))).toEqual({ kind: 'manual', reason: 'emailShared' });
  });

  it('somebody close but not matching on every field (a swapped birth date): staff, never a new patient beside them', () => {
    const close = [{ id: 'a', facts: { dateOfBirth: '1990-11-02' } }];
    expect(autoDecision(facts(close))).toEqual({ kind: 'manual', reason: 'partialMatch' });
    expect(autoDecision(facts(close, { createsPatient: true }))).toEqual({ kind: 'manual', reason: 'partialMatch' });
  });

  it('nobody comes close: a new patient when the clinic allows it, otherwise staff', () => {
    const far = [{ id: 'x', facts: { familyName: 'Berg', givenName: 'Ole', postalCode: '9000', email: null } }];
    expect(autoDecision(facts(far))).toEqual({ kind: 'manual', reason: 'noMatch' });
    expect(autoDecision(facts([], { createsPatient: true }))).toEqual({ kind: 'createPatient' });
    expect(autoDecision(facts(far, { createsPatient: true }))).toEqual({ kind: 'createPatient' });
    expect(autoDecision(facts([], { createsPatient: true, emailShared: () => true }))).toEqual({ kind: 'manual', reason: 'emailShared' });
  });
});
