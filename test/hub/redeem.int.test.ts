import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateAccessCode, normalizeCode } from '../../common/rules/accessCode';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../common/time';
import { formatDateTime } from '../../hub/patient/format';
import type { Page } from './patientBrowser';
import { fieldError, redeemWorld, tableRows, type RedeemWorld } from './redeemWorld';

const NO_MATCH = 'This access code and date of birth do not open any results. Check both against your slip. After 5 wrong dates of birth a code is locked, and only the clinic can unlock it.';

let w: RedeemWorld;
beforeEach(async () => {
  w = await redeemWorld();
});
afterEach(async () => {
  await w.close();
});

const at = (ms: number) => new Date(ms).toISOString();

describe('redeeming an access code at the hub', () => {
  it('code + date of birth show exactly the issued studies with their final reports, for a short view that keeps no code', async () => {
    const { keyId, code } = await w.issue([w.s.ct, w.s.mr]);
    const b = w.browser();
    const form = await b.get(`/c/${w.clinicId}/access`);
    expect(form.text).toContain('Enter the access code from the slip the clinic gave you, and your date of birth.');
    // typed as people type: lower case, no dashes, O for 0 and I for 1 are read as the digits; the Danish date form
    const typed = normalizeCode(code).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i');
    const page = await b.post(`/c/${w.clinicId}/access`, { code: typed, date_of_birth: '03-02-1980' });
    expect(page.url).toBe(`/c/${w.clinicId}/access/results`);
    expect(page.text).toContain('Your results');
    expect(tableRows(page)).toEqual([
      ['MR knee left', '10 November 2026', 'MR', 'Final: ready', 'Ready'],
      ['CT thorax with contrast', '1 November 2026', 'CT', 'Final: ready', 'Ready'],
    ]);
    for (const other of [w.s.us, w.s.prelim, w.s.unvalidated, w.bo]) expect(page.text).not.toContain(other.description);
    const now = w.t.clock.now();
    expect(page.text).toContain(`until ${formatDateTime('en', at(now + 15 * MINUTE_MS))}`);
    expect(page.text).toContain(`valid until ${formatDateTime('en', at(now + 30 * DAY_MS))}`);

    // the browser holds a random view id, never the code; the hub keeps no code either
    const canonical = normalizeCode(code);
    expect(b.cookie('pp_access')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.cookie('pp_access')).not.toContain(canonical);
    const sessions = JSON.stringify(await w.hub.hub.hub.store.db.selectFrom('access_session').selectAll().execute());
    const audits = JSON.stringify(await w.hub.hub.hub.store.db.selectFrom('patient_audit').selectAll().execute());
    for (const stored of [sessions, audits]) expect(stored).not.toContain(canonical);

    // the use is the hub's to record; it reaches the workstation's Issued keys by sync
    expect(await w.usage(keyId)).toMatchObject({ redemptions: 1, misses: 0, locked_at: null, last_used_at: at(now) });
    expect((await w.hubAudit('access.redeem')).map((a) => [a.outcome, a.entity_id, a.patient_id])).toEqual([['ok', keyId, w.anna.id]]);
    expect((await w.hubAudit('access.results.view')).map((a) => a.outcome)).toEqual(['ok']);
    await w.sync();
    const [row] = (await w.t.value('keys.search', { issuer: 'media' })).rows;
    expect(row).toMatchObject({ id: keyId, status: 'active', lastUsedAt: at(now), misses: 0 });

    // Close ends the view: the results page no longer opens
    await b.post(`/c/${w.clinicId}/access/end`, {});
    const closed = await b.get(`/c/${w.clinicId}/access/results`);
    expect(closed.url).toBe(`/c/${w.clinicId}/access`);
    expect(closed.text).not.toContain('MR knee left');
  });

  it('the view ends after 15 minutes; the code must be typed again', async () => {
    const { code } = await w.issue([w.s.ct]);
    const b = w.browser();
    await w.redeem(b, code, w.anna.dob);
    await w.advance(14 * MINUTE_MS);
    expect(tableRows(await b.get(`/c/${w.clinicId}/access/results`))).toHaveLength(1);
    await w.advance(2 * MINUTE_MS);
    const ended = await b.get(`/c/${w.clinicId}/access/results`);
    expect(ended.url).toBe(`/c/${w.clinicId}/access?m=expired`);
    expect(ended.text).toContain('Your view of the results ended after 15 minutes. Enter the code again to see them.');
    expect(ended.text).not.toContain('CT thorax');
  });

  it('a code with a typo, a malformed code and a missing date are told at their fields in the page language; nothing is written', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const canonical = normalizeCode(code);
    const i = [...canonical].findIndex((c, k) => k < canonical.length - 1 && c !== canonical[k + 1]);
    const swapped = canonical.slice(0, i) + canonical[i + 1] + canonical[i] + canonical.slice(i + 2);
    const b = w.browser();

    const typo = await w.redeem(b, swapped, w.anna.dob);
    expect(typo.status).toBe(400);
    expect(fieldError(typo, 'code')).toBe('This code has a typo: one character is wrong or two are swapped. Check it against your slip.');
    expect(typo.html).toContain('aria-invalid="true"');
    const short = await w.redeem(b, canonical.slice(0, 12), w.anna.dob);
    expect(fieldError(short, 'code')).toBe('An access code has 16 characters; you typed 12. Check the code on your slip.');
    const bad = await w.redeem(b, `${canonical.slice(0, 15)}U`, w.anna.dob);
    expect(fieldError(bad, 'code')).toBe('“U” does not occur in access codes. Check the code on your slip.');
    const noDate = await w.redeem(b, code, '');
    expect(fieldError(noDate, 'date_of_birth')).toBe('Fill in this field.');
    expect(noDate.html).toContain(`value="${code}"`);
    const notADate = await w.redeem(b, code, '31-02-1980');
    expect(fieldError(notADate, 'date_of_birth')).toBe('Enter your date of birth, such as 1980-04-30.');

    const da = w.browser('da');
    const typoDa = await w.redeem(da, swapped, w.anna.dob);
    expect(fieldError(typoDa, 'code')).toBe('Koden har en tastefejl: et tegn er forkert, eller to er byttet om. Sammenlign den med din seddel.');
    expect(typoDa.text).toContain('Se dine svar med en adgangskode');

    // a well-formed code nobody was given: said at the fields, and it costs no key a miss
    const unknown = await w.redeem(b, generateAccessCode(), w.anna.dob);
    expect(unknown.status).toBe(401);
    expect(fieldError(unknown, 'code')).toBe(NO_MATCH);
    expect(fieldError(unknown, 'date_of_birth')).toBe('Check this date too.');

    expect(await w.usage(keyId)).toBeUndefined();
    expect(await w.hub.hub.hub.store.db.selectFrom('access_session').selectAll().execute()).toEqual([]);
    expect((await w.hubAudit('access.redeem')).map((a) => [a.outcome, a.detail])).toEqual([['refused', JSON.stringify({ reason: 'unknownCode' })]]);
  });

  it('a code nobody was given, a wrong date of birth and a locked key get the very same answer, in English and in Danish', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const other = generateAccessCode();
    // the page as the patient sees it, with the code they typed taken out
    const seen = (page: Page, typed: string) => ({ status: page.status, url: page.url, text: page.text.replaceAll(typed, '<code>') });
    for (const lang of ['en', 'da'] as const) {
      const b = w.browser(lang);
      const nobody = seen(await w.redeem(b, other, '1999-12-31'), other);
      expect(seen(await w.redeem(b, code, '1999-12-31'), code)).toEqual(nobody);
      expect(nobody.text).toContain(lang === 'en' ? NO_MATCH : 'Adgangskoden og fødselsdatoen åbner ingen svar.');
      expect(nobody.text).not.toMatch(/1999/);
    }
    expect(await w.usage(keyId)).toMatchObject({ misses: 2, locked_at: null });
    const b = w.browser();
    for (let i = 0; i < 3; i++) await w.redeem(b, code, '1999-12-31');
    expect(await w.usage(keyId)).toMatchObject({ misses: 5, locked_at: expect.any(String) });
    // locked: the right date of birth changes nothing in the answer
    expect(seen(await w.redeem(b, code, w.anna.dob), code)).toEqual(seen(await w.redeem(b, other, w.anna.dob), other));
  });

  it('respects the access delays: "ready at" until the report is ready; images not yet available until validated and delayed', async () => {
    w.f.setting('portal.reportAccessDelayHours', 24);
    w.f.setting('portal.studyAccessDelayHours', 48);
    const issuedAt = w.t.clock.now();
    const { code } = await w.issue([w.s.ct, w.s.unvalidated]);
    const reportAt = formatDateTime('en', at(issuedAt + 24 * HOUR_MS));
    const imagesAt = formatDateTime('en', at(issuedAt + 48 * HOUR_MS));
    const look = async () => tableRows(await w.redeem(w.browser(), code, w.anna.dob));

    expect(await look()).toEqual([
      ['Mammography screening', expect.any(String), 'MG', `Ready at ${reportAt}`, 'Not yet available'],
      ['CT thorax with contrast', '1 November 2026', 'CT', `Ready at ${reportAt}`, `Not yet available (ready at ${imagesAt})`],
    ]);
    await w.advance(24 * HOUR_MS);
    expect((await look()).map((r) => [r[3], r[4]])).toEqual([['Final: ready', 'Not yet available'], ['Final: ready', `Not yet available (ready at ${imagesAt})`]]);
    await w.advance(24 * HOUR_MS);
    expect((await look()).map((r) => [r[3], r[4]])).toEqual([['Final: ready', 'Not yet available'], ['Final: ready', 'Ready']]);
  });

  it('five wrong dates of birth lock the key (audited at the hub); the lock reaches Issued keys; the right date is refused then', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const b = w.browser();
    // each miss is told as a code nobody was given would be: no count of tries left
    for (let i = 0; i < 4; i++) {
      const miss = await w.redeem(b, code, `1980-02-0${4 + i}`);
      expect([miss.status, fieldError(miss, 'code')]).toEqual([401, NO_MATCH]);
      expect(await w.usage(keyId)).toMatchObject({ misses: i + 1, locked_at: null });
    }
    const fifth = await w.redeem(b, code, '1980-02-09');
    expect([fifth.status, fieldError(fifth, 'code')]).toEqual([401, NO_MATCH]);
    expect(await w.usage(keyId)).toMatchObject({ misses: 5, locked_at: at(w.t.clock.now()), redemptions: 0 });
    expect((await w.hubAudit('access.lock')).map((a) => [a.outcome, a.entity_id, a.patient_id, a.detail])).toEqual([['ok', keyId, w.anna.id, JSON.stringify({ misses: 5 })]]);

    // locked: the right date opens nothing and costs nothing more
    const right = await w.redeem(b, code, w.anna.dob);
    expect([right.status, fieldError(right, 'code')]).toEqual([401, NO_MATCH]);
    expect(right.text).not.toContain('CT thorax');
    expect(await w.usage(keyId)).toMatchObject({ misses: 5 });
    expect(await w.hub.hub.hub.store.db.selectFrom('access_session').selectAll().execute()).toEqual([]);
    expect((await w.hubAudit('access.redeem')).map((a) => JSON.parse(a.detail ?? '{}').reason)).toEqual([...Array(5).fill('wrongDateOfBirth'), 'locked']);

    await w.sync();
    const [row] = (await w.t.value('keys.search', { issuer: 'media' })).rows;
    expect(row).toMatchObject({ id: keyId, status: 'locked', misses: 5 });
  });

  it('a right date of birth between wrong ones starts the count again: five misses in a row lock, not five in all', async () => {
    const { keyId, code } = await w.issue([w.s.ct]);
    const b = w.browser();
    for (let i = 0; i < 4; i++) await w.redeem(b, code, '1999-01-01');
    expect((await w.redeem(b, code, w.anna.dob)).url).toBe(`/c/${w.clinicId}/access/results`);
    for (let i = 0; i < 4; i++) await w.redeem(b, code, '1999-01-01');
    expect(await w.usage(keyId)).toMatchObject({ misses: 4, locked_at: null, redemptions: 1 });
  });
});
