import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { openStore } from '../../db/init';
import { narrowestWord, parseSearch, searchPatients, writePatient, type PatientWrite } from '../../db/queries/patients';
import type { Store } from '../../db/store';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir();
let store: Store;
const clinicId = newId();

function patient(mrn: string, given: string, family: string, dob: string): PatientWrite {
  return {
    id: newId(), clinic_id: clinicId, mrn, given_name: given, family_name: family, date_of_birth: dob, sex: 'F',
    email: null, mobile: null, postal_code: null, address_line: null, city: null,
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', version: 0, deleted_at: null,
  };
}

beforeAll(() => {
  store = openStore(join(tmp.dir, 's.db'));
  store.run(store.k.insertInto('clinic').values({ id: clinicId, name: 'c', created_at: 'x', version: 0, deleted_at: null }));
  writePatient(store, patient('P1000001', 'Søren', 'Ærø-Hansen', '1980-12-24'));
  writePatient(store, patient('P1000002', 'Anna', 'Hansen', '1975-03-04'));
  writePatient(store, patient('P1000003', 'Hans', 'Jensen', '1975-03-04'));
  writePatient(store, patient('P2000004', 'Anne Marie', 'Holm', '2001-07-15'));
});
afterAll(() => {
  store.close();
  tmp.cleanup();
});

const names = (text: string) => searchPatients(store, text, 50).rows.map((r) => `${r.given_name} ${r.family_name}`).sort();

describe('patient search', () => {
  it('reads dates in ISO and Danish forms, MRNs, and names', () => {
    expect(parseSearch('1980-12-24')).toEqual({ kind: 'dob', date: '1980-12-24' });
    expect(parseSearch('24-12-1980')).toEqual({ kind: 'dob', date: '1980-12-24' });
    expect(parseSearch('24.12.1980')).toEqual({ kind: 'dob', date: '1980-12-24' });
    expect(parseSearch('24121980')).toEqual({ kind: 'dob', date: '1980-12-24' });
    expect(parseSearch('p100')).toEqual({ kind: 'mrn', prefix: 'P100' });
    expect(parseSearch('  ')).toEqual({ kind: 'empty' });
    expect(parseSearch('Hansen, Anna')).toEqual({ kind: 'name', tokens: ['hansen', 'anna'] });
  });

  it('finds by any name word prefix, across accents and Danish letters', () => {
    expect(names('han')).toEqual(['Anna Hansen', 'Hans Jensen', 'Søren Ærø-Hansen']);
    expect(names('soren')).toEqual(['Søren Ærø-Hansen']);
    expect(names('AERO')).toEqual(['Søren Ærø-Hansen']);
    expect(names('anna han')).toEqual(['Anna Hansen']);
    expect(names('han anna')).toEqual(['Anna Hansen']);
    expect(names('marie')).toEqual(['Anne Marie Holm']);
    expect(names('zzz')).toEqual([]);
  });

  it('finds by MRN prefix and by date of birth', () => {
    expect(names('P1000')).toEqual(['Anna Hansen', 'Hans Jensen', 'Søren Ærø-Hansen']);
    expect(names('p2')).toEqual(['Anne Marie Holm']);
    expect(names('04-03-1975')).toEqual(['Anna Hansen', 'Hans Jensen']);
  });

  it('lists a patient once even when two of its words match', () => {
    writePatient(store, patient('P3000001', 'Hanne', 'Hansen', '1990-01-01'));
    const rows = searchPatients(store, 'han', 50).rows;
    expect(rows.filter((r) => r.given_name === 'Hanne')).toHaveLength(1);
  });

  it('says when there are more results than the limit', () => {
    const r = searchPatients(store, 'han', 2);
    expect(r.rows).toHaveLength(2);
    expect(r.more).toBe(true);
  });

  it('with several words, each must begin a word of the name, in any order, never inside the MRN', () => {
    expect(names('soren hansen')).toEqual(['Søren Ærø-Hansen']);
    expect(names('hansen aero soren')).toEqual(['Søren Ærø-Hansen']);
    expect(names('anna ansen')).toEqual([]);
    expect(names('anne marie holm')).toEqual(['Anne Marie Holm']);
    expect(names('hans 1000')).toEqual([]);
    expect(names('hans p1000')).toEqual([]);
  });

  it('walks the index from the rarest of the typed words', () => {
    for (let i = 0; i < 4; i++) writePatient(store, patient(`P500000${i}`, `Kim${i}`, 'Kragh', '1960-01-01'));
    writePatient(store, patient('P5000009', 'Ulrikka', 'Kragh', '1960-01-01'));
    expect(narrowestWord(store, ['kragh', 'ulrikka'])).toBe('ulrikka');
    expect(narrowestWord(store, ['ulr', 'kr'])).toBe('ulr');
    expect(narrowestWord(store, ['kragh'])).toBe('kragh');
    expect(names('kragh ulrikka')).toEqual(['Ulrikka Kragh']);
  });

  it('a renamed patient is found by the new name only', () => {
    const p = patient('P4000001', 'Ib', 'Olsen', '1950-05-05');
    writePatient(store, p);
    writePatient(store, { ...p, family_name: 'Petersen' });
    expect(names('olsen')).toEqual([]);
    expect(names('petersen')).toEqual(['Ib Petersen']);
  });
});
