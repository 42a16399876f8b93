import { describe, expect, it } from 'vitest';
import type { IdentitySide } from '../../common/api/issuing';
import { identityDifferences } from '../../common/rules/portalIdentity';

const ris: IdentitySide = { givenName: 'Søren', familyName: 'Ærø-Hansen', dateOfBirth: '1980-02-03', sex: 'M', mrn: 'P1000001', email: 'soren@example.dk', mobile: '+45 12 34 56 78' };
const none: IdentitySide = { givenName: null, familyName: null, dateOfBirth: null, sex: null, mrn: null, email: null, mobile: null };

describe('Patient validation differences', () => {
  it('the same person written differently is no difference: case, accents, Danish letters, hyphens, phone format', () => {
    expect(identityDifferences({ ...ris, givenName: 'soren', familyName: 'AERO HANSEN', email: ' SOREN@example.dk ', mobile: '12345678', mrn: 'p1000001' }, ris)).toEqual([]);
  });

  it('names every field that really differs', () => {
    expect(identityDifferences({ givenName: 'Søren', familyName: 'Hansen', dateOfBirth: '1980-03-02', sex: 'F', mrn: 'P1000002', email: 'other@example.dk', mobile: '+4587654321' }, ris)).toEqual([
      'name', 'dateOfBirth', 'sex', 'mrn', 'email', 'mobile',
    ]);
  });

  it('what the portal side did not give is not a difference', () => {
    expect(identityDifferences(none, ris)).toEqual([]);
    expect(identityDifferences({ ...none, email: 'x@example.dk' }, { ...ris, email: null })).toEqual(['email']);
  });
});
