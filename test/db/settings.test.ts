import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingRowId } from '../../common/ids';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { openStore } from '../../db/init';
import { getSetting, putSetting } from '../../db/queries/settings';
import { tempDir } from '../helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 3 (portal configuration)', () => {
  it('keeps every existing setting, giving clinic settings the clinic and the derived id, workstation ones none', () => {
    const file = join(tmp.dir, 'm.db');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 2));
    db.prepare("INSERT INTO clinic (id, name, created_at) VALUES ('c-1', 'North', '2026-01-01T00:00:00.000Z')").run();
    const put = db.prepare("INSERT INTO setting (key, value, updated_at, updated_by) VALUES (?, ?, '2026-01-02T00:00:00.000Z', NULL)");
    put.run('portal.enabled', 'true');
    put.run('portal.displayName', '"North portal"');
    put.run('app.demo', 'false');
    migrate(db, migrations);
    const rows = db.prepare('SELECT key, id, clinic_id, value, updated_at, version, deleted_at FROM setting ORDER BY key').all();
    expect(rows).toEqual([
      { key: 'app.demo', id: settingRowId(null, 'app.demo'), clinic_id: null, value: 'false', updated_at: '2026-01-02T00:00:00.000Z', version: 0, deleted_at: null },
      { key: 'portal.displayName', id: settingRowId('c-1', 'portal.displayName'), clinic_id: 'c-1', value: '"North portal"', updated_at: '2026-01-02T00:00:00.000Z', version: 0, deleted_at: null },
      { key: 'portal.enabled', id: settingRowId('c-1', 'portal.enabled'), clinic_id: 'c-1', value: 'true', updated_at: '2026-01-02T00:00:00.000Z', version: 0, deleted_at: null },
    ]);
    expect((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'setting_history'").get() as { sql: string }).sql).toMatch(/STRICT/);
    db.close();
  });
});

describe('setting rows', () => {
  it('the same setting of the same clinic has the same id on every workstation; other clinics and keys differ', () => {
    expect(settingRowId('c-1', 'portal.sessionMinutes')).toBe(settingRowId('c-1', 'portal.sessionMinutes'));
    expect(settingRowId('c-2', 'portal.sessionMinutes')).not.toBe(settingRowId('c-1', 'portal.sessionMinutes'));
    expect(settingRowId('c-1', 'portal.displayName')).not.toBe(settingRowId('c-1', 'portal.sessionMinutes'));
  });

  it('putSetting writes the clinic on clinic settings only, and reads back what it wrote', () => {
    const store = openStore(join(tmp.dir, 's.db'));
    store.sqlite.prepare("INSERT INTO clinic (id, name, created_at) VALUES ('c-9', 'South', '2026-01-01T00:00:00.000Z')").run();
    const row = putSetting(store, 'portal.sessionMinutes', 20, 'staff-1', '2026-02-01T00:00:00.000Z');
    expect(row).toMatchObject({ key: 'portal.sessionMinutes', clinic_id: 'c-9', value: '20', updated_by: 'staff-1' });
    expect(putSetting(store, 'staff.idleLockMinutes', 5, null, '2026-02-01T00:00:00.000Z').clinic_id).toBeNull();
    putSetting(store, 'portal.sessionMinutes', 25, 'staff-2', '2026-02-02T00:00:00.000Z');
    expect(getSetting(store, 'portal.sessionMinutes')).toBe(25);
    store.close();
  });
});
