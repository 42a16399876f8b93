import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods } from '../../common/api';
import { PERMISSIONS } from '../../common/permissions';
import { ERROR_CODES } from '../../common/result';
import { handlers } from '../../main/handlers';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('the contract', () => {
  const entries = Object.entries(methods);

  it('has methods, each named domain.action', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const [name] of entries) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it.each(entries)('%s has a zod input schema, a kind, a known permission and a handler', (name, spec) => {
    expect(spec.input).toBeInstanceOf(z.ZodType);
    expect(['query', 'command']).toContain(spec.kind);
    expect(['public', 'signedIn', ...PERMISSIONS]).toContain(spec.access);
    expect(typeof (handlers as Record<string, unknown>)[name]).toBe('function');
  });

  it('binds no handler that the contract does not declare', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort());
  });

  it.each(entries.filter(([, s]) => s.access !== 'public'))('%s answers unauthenticated before sign-in', async (name) => {
    const r = await t.portal.dispatch({ clientId: 'anon', transport: 'http' }, name, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('the dispatcher', () => {
  it('returns errors as data with one of the fixed codes', async () => {
    const r = await t.portal.dispatch({ clientId: 'c', transport: 'http' }, 'no.such', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
  });

  it('rejects bad input with the field and an i18n key, before the handler runs', async () => {
    await t.addStaff('fd', ['front_desk']);
    await t.signIn('fd');
    const r = await t.call('patients.search', { text: 'x'.repeat(101) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'text', key: 'errors.tooLong', params: { max: 100 } } });
    const audits = t.portal.app.store.sqlite.prepare("SELECT count(*) AS n FROM audit_event WHERE action = 'patient.search'").get() as { n: number };
    expect(audits.n).toBe(0);
  });

  it('refuses a method the role lacks, and audits the refusal', async () => {
    await t.addStaff('media', ['media_management']);
    await t.signIn('media');
    const r = await t.call('audit.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const row = t.portal.app.store.sqlite.prepare("SELECT outcome, detail FROM audit_event WHERE action = 'access.denied'").get();
    expect(row).toEqual({ outcome: 'denied', detail: 'audit.list' });
  });

  it('turns an unexpected failure into `internal` without leaking its message', async () => {
    await t.addStaff('admin', ['portal_admin']);
    await t.signIn('admin');
    t.portal.app.store.sqlite.exec('DROP TABLE patient_name_token');
    const r = await t.call('patients.search', { text: 'hansen' });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'something went wrong; the details are in the log', key: 'errors.internal' } });
  });

  it('keeps sessions apart per client', async () => {
    await t.addStaff('fd', ['front_desk']);
    await t.signIn('fd', 'tab-a');
    expect((await t.call('patients.search', { text: 'a' }, 'tab-a')).ok).toBe(true);
    expect(await t.call('patients.search', { text: 'a' }, 'tab-b')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
