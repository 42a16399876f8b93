import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, PragmaError, verifyPragmas } from '../../db/open';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('openDatabase', () => {
  it('runs in WAL with synchronous=FULL, foreign keys and a busy timeout, and checks them', () => {
    const db = openDatabase(join(tmp.dir, 'p.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('the check fails loudly when a setting did not take (better-sqlite3 defaults to NORMAL)', () => {
    const db = openDatabase(join(tmp.dir, 'q.db'));
    db.pragma('synchronous = NORMAL');
    expect(() => verifyPragmas(db)).toThrow(PragmaError);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = OFF');
    expect(() => verifyPragmas(db)).toThrow(/foreign_keys/);
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(join(tmp.dir, 'fk.db'));
    expect(() =>
      db.prepare("INSERT INTO study (id, patient_id, accession_number, modality, description, study_date, created_at, updated_at) VALUES ('s', 'nobody', 'A1', 'CT', 'x', '2026-01-01', 'x', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
