import { describe, expect, it } from 'vitest';
import {
  compareField,
  FIELD_POINTS,
  matchCandidate,
  MATCH_FIELDS,
  rankCandidates,
  swapDayMonth,
  type IdentityFacts,
  type MatchField,
} from '../../common/rules/identityMatch';

const entered: IdentityFacts = {
  email: 'bo.ostergaard@example.dk',
  familyName: 'Østergård',
  givenName: 'Bo',
  dateOfBirth: '1980-04-03',
  postalCode: '8000',
  phone: '+45 22 33 44 55',
};
const chart = (patch: Partial<IdentityFacts> = {}): IdentityFacts => ({ ...entered, ...patch });
const verdicts = (facts: IdentityFacts) =>
  Object.fromEntries(matchCandidate('p', entered, facts).fields.map((f) => [f.field, f.verdict])) as Record<MatchField, string>;

describe('one field at a time', () => {
  it('identical values are the same, whatever the field', () => {
    for (const field of MATCH_FIELDS) expect(compareField(field, entered[field], entered[field])).toBe('same');
  });

  it.each([
    ['email', 'Bo.Ostergaard@Example.DK', 'bo.ostergaard@example.dk'],
    ['familyName', 'ØSTERGÅRD', 'Østergård'],
    ['familyName', 'Ostergard', 'Østergård'],
    ['familyName', 'Østergaard', 'Østergård'],
    ['familyName', 'Joergensen', 'Jørgensen'],
    ['familyName', 'Jensen Holm', 'Jensen-Holm'],
    ['familyName', 'Aeroe', 'Ærø'],
    ['givenName', 'søren', 'Søren'],
    ['givenName', 'Rene', 'René'],
    ['postalCode', 'dk 8000', 'DK8000'],
    ['phone', '22334455', '+45 22 33 44 55'],
    ['phone', '0045 22 33 44 55', '+4522334455'],
  ] as Array<[MatchField, string, string]>)('%s: "%s" and "%s" differ only in case, accents, letters or spacing (folded)', (field, a, b) => {
    expect(compareField(field, a, b)).toBe('folded');
  });

  it.each([
    ['email', 'bo@example.dk', 'bo@example.com'],
    ['familyName', 'Hansen', 'Jensen'],
    ['givenName', 'Bo', 'Bodil'],
    ['dateOfBirth', '1980-04-03', '1980-04-13'],
    ['dateOfBirth', '1980-04-03', '1981-04-03'],
    ['postalCode', '8000', '8200'],
    ['phone', '22334455', '22334456'],
    ['phone', '4455', '+45 22 33 44 55'],
  ] as Array<[MatchField, string, string]>)('%s: "%s" and "%s" differ', (field, a, b) => {
    expect(compareField(field, a, b)).toBe('different');
  });

  it('names sharing a word are a partial match (a double name, a married name)', () => {
    expect(compareField('familyName', 'Holm', 'Jensen-Holm')).toBe('partial');
    expect(compareField('givenName', 'Anne', 'Anne Marie')).toBe('partial');
    expect(compareField('givenName', 'Anne Marie', 'Marie')).toBe('partial');
  });

  it('day and month swapped in the birth date is a near-miss, not a match', () => {
    expect(compareField('dateOfBirth', '1980-04-03', '1980-03-04')).toBe('swapped');
    expect(compareField('dateOfBirth', '1980-03-04', '1980-04-03')).toBe('swapped');
    // 13 cannot be a month: the same digits swapped are no date, so no near-miss either
    expect(swapDayMonth('1980-04-13')).toBeNull();
    expect(compareField('dateOfBirth', '1980-04-13', '1980-13-04')).toBe('different');
    // the same day and month: swapping changes nothing
    expect(swapDayMonth('1980-05-05')).toBeNull();
    // a swap that lands on no real day (31 February)
    expect(swapDayMonth('1980-02-31')).toBeNull();
    expect(swapDayMonth('1980-12-02')).toBe('1980-02-12');
  });

  it('a value the patient left out is "not given"; one the chart lacks is "not on file"', () => {
    expect(compareField('phone', null, '+45 22 33 44 55')).toBe('notGiven');
    expect(compareField('phone', '  ', '+45 22 33 44 55')).toBe('notGiven');
    expect(compareField('email', 'bo@example.dk', null)).toBe('notOnFile');
    expect(compareField('postalCode', '8000', '')).toBe('notOnFile');
    expect(compareField('phone', null, null)).toBe('notGiven');
  });
});

describe('one candidate', () => {
  it('everything the same: every point, a full match', () => {
    const m = matchCandidate('p', entered, chart());
    expect(m.score).toBe(100);
    expect(m.full).toBe(true);
    expect(m.fields.map((f) => f.field)).toEqual([...MATCH_FIELDS]);
    expect(m.fields.every((f) => f.verdict === 'same' && f.points === FIELD_POINTS[f.field])).toBe(true);
  });

  it('case and accent differences still match fully and score the same', () => {
    const m = matchCandidate('p', entered, chart({ email: 'BO.OSTERGAARD@EXAMPLE.DK', familyName: 'Ostergaard', givenName: 'BO', phone: '22334455' }));
    expect(verdicts(chart({ email: 'BO.OSTERGAARD@EXAMPLE.DK', familyName: 'Ostergaard', givenName: 'BO', phone: '22334455' }))).toMatchObject({
      email: 'folded', familyName: 'folded', givenName: 'folded', phone: 'folded', dateOfBirth: 'same', postalCode: 'same',
    });
    expect(m.score).toBe(100);
    expect(m.full).toBe(true);
  });

  it('a swapped birth date is flagged and keeps the patient from matching fully', () => {
    const m = matchCandidate('p', entered, chart({ dateOfBirth: '1980-03-04' }));
    expect(m.fields.find((f) => f.field === 'dateOfBirth')).toMatchObject({ verdict: 'swapped', entered: '1980-04-03', chart: '1980-03-04', points: 10 });
    expect(m.score).toBe(85);
    expect(m.full).toBe(false);
  });

  it('missing on the chart: no email on file still matches fully; no postal code on file does not', () => {
    const noEmail = matchCandidate('p', entered, chart({ email: null }));
    expect(noEmail.full).toBe(true);
    expect(noEmail.score).toBe(85);
    const noPostal = matchCandidate('p', entered, chart({ postalCode: null }));
    expect(noPostal.fields.find((f) => f.field === 'postalCode')?.verdict).toBe('notOnFile');
    expect(noPostal.full).toBe(false);
  });

  it('missing from the registration: no phone given costs its points but not the match', () => {
    const m = matchCandidate('p', { ...entered, phone: null }, chart());
    expect(m.fields.find((f) => f.field === 'phone')).toMatchObject({ verdict: 'notGiven', entered: null, points: 0 });
    expect(m.full).toBe(true);
    expect(m.score).toBe(90);
  });

  it.each([
    ['email', { email: 'someone.else@example.dk' }],
    ['last name', { familyName: 'Hansen' }],
    ['date of birth', { dateOfBirth: '1980-04-04' }],
    ['postal code', { postalCode: '9000' }],
    ['first name', { givenName: 'Karl' }],
  ])('a different %s is no full match', (_name, patch) => {
    expect(matchCandidate('p', entered, chart(patch)).full).toBe(false);
  });

  it('a different phone or a first name sharing a word still matches fully', () => {
    expect(matchCandidate('p', entered, chart({ phone: '+45 99 99 99 99' })).full).toBe(true);
    const m = matchCandidate('p', { ...entered, givenName: 'Bo Erik' }, chart());
    expect(m.fields.find((f) => f.field === 'givenName')).toMatchObject({ verdict: 'partial', points: 5 });
    expect(m.full).toBe(true);
  });
});

describe('ranking the candidates', () => {
  const other = (id: string, patch: Partial<IdentityFacts>) => ({ id, facts: chart(patch) });

  it('best first; below the threshold nobody is shown; exactly one full match is the single one', () => {
    const r = rankCandidates(entered, [
      other('c', { familyName: 'Hansen', givenName: 'Ida', email: null, phone: null, postalCode: '9000' }),
      other('a', {}),
      other('b', { dateOfBirth: '1980-03-04', email: null, phone: null }),
    ]);
    expect(r.candidates.map((c) => [c.id, c.score])).toEqual([['a', 100], ['b', 60]]);
    expect(r.single?.id).toBe('a');
    expect(r.possibleDuplicate).toBe(false);
  });

  it('two patients matching equally are a possible duplicate, and neither is the single match', () => {
    const r = rankCandidates(entered, [other('b', {}), other('a', { email: 'BO.OSTERGAARD@example.dk' })]);
    expect(r.candidates.map((c) => c.id)).toEqual(['a', 'b']);
    expect(r.candidates[0]?.score).toBe(r.candidates[1]?.score);
    expect(r.possibleDuplicate).toBe(true);
    expect(r.single).toBeNull();
  });

  it('two full matches are a possible duplicate even when one scores higher', () => {
    const r = rankCandidates(entered, [other('a', {}), other('b', { phone: null, email: null })]);
    expect(r.candidates.map((c) => c.score)).toEqual([100, 75]);
    expect(r.possibleDuplicate).toBe(true);
    expect(r.single).toBeNull();
  });

  it('a tie of weak candidates is no duplicate warning', () => {
    const weak = { familyName: 'Hansen', email: null, phone: null, postalCode: '9000' };
    const r = rankCandidates(entered, [other('a', weak), other('b', weak)]);
    expect(r.candidates.map((c) => c.score)).toEqual([35, 35]);
    expect(r.possibleDuplicate).toBe(false);
    expect(r.single).toBeNull();
  });

  it('a patient found twice (by birth date and by email) counts once; at most five are shown', () => {
    const rows = [other('a', {}), other('a', {}), ...['b', 'c', 'd', 'e', 'f', 'g'].map((id) => other(id, { email: null, phone: null, postalCode: '1000' }))];
    const r = rankCandidates(entered, rows);
    expect(r.candidates.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.single?.id).toBe('a');
  });

  it('a closer non-full candidate above the only full match leaves no single match', () => {
    const r = rankCandidates({ ...entered, givenName: 'Bo' }, [
      other('full', { email: null, phone: null, givenName: 'Bo Erik' }),
      other('swapped', { dateOfBirth: '1980-03-04' }),
    ]);
    expect(r.candidates.map((c) => [c.id, c.full])).toEqual([['swapped', false], ['full', true]]);
    expect(r.single).toBeNull();
  });

  it('nobody at all: no candidates, no warning', () => {
    expect(rankCandidates(entered, [])).toEqual({ candidates: [], possibleDuplicate: false, single: null });
  });
});
