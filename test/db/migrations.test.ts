import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate } from '../../db/migrate';
import { LATEST_VERSION, migrations } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { tempDir } from '../helpers/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const file = (name: string) => join(tmp.dir, name);

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migrations', () => {
  it('are listed in increasing order and the last one is LATEST_VERSION', () => {
    const versions = migrations.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_VERSION).toBe(versions[versions.length - 1]);
  });

  it.each(migrations.map((m) => [m.version, m.name, m] as const))('migration %i (%s) applies on its own and records user_version', (version, _name, m) => {
    const db = new Database(file(`one-${version}.db`));
    migrate(db, migrations.filter((x) => x.version < version));
    const before = new Set(tables(db));
    migrate(db, migrations.filter((x) => x.version <= m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(tables(db).length).toBeGreaterThanOrEqual(before.size);
    db.close();
  });

  it('migration 1 creates the foundation tables as STRICT tables', () => {
    const db = openDatabase(file('f.db'));
    const names = tables(db);
    for (const t of ['clinic', 'staff_user', 'staff_role', 'patient', 'study', 'report', 'setting', 'audit_event', 'sync_state', 'sync_outbox', 'sync_conflict']) {
      expect(names).toContain(t);
      const sql = (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(t) as { sql: string }).sql;
      expect(sql).toMatch(/STRICT/);
    }
    expect(() => db.prepare("INSERT INTO report (id, study_id, status, created_at, updated_at) VALUES ('r', 's', 'signed', 'x', 'x')").run()).toThrow();
    db.close();
  });

  it('running again changes nothing', () => {
    const path = file('again.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database newer than the app and leaves it untouched', () => {
    const path = file('new.db');
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(DatabaseTooNewError);
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(tables(again)).toEqual([]);
    again.close();
  });

  it('a failing migration rolls back with its user_version: nothing half-applied', () => {
    const db = new Database(file('fail.db'));
    const broken = [
      ...migrations,
      { version: LATEST_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (id TEXT) STRICT; INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(tables(db)).not.toContain('half_done');
    db.close();
  });

  it('refuses a list that is out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'b', sql: '' }, { version: 1, name: 'a', sql: '' }])).toThrow(/out of order/);
    db.close();
  });
});
