import { request as httpRequest } from 'node:http';
import { apiCall, demoPassword, expect, signIn, test } from './fixtures';
import { startHost, type HostProcess } from './host';
import { readDb, snapshot, trackClientId } from './inspect';

interface PatientFacts {
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
}

/** A demo patient whose full name no other patient shares, so typing it finds exactly one row. */
function uniquePatient(host: HostProcess): PatientFacts {
  return readDb(host, (db) =>
    db.prepare(
      `SELECT mrn, given_name, family_name, date_of_birth FROM patient p
       WHERE (SELECT count(*) FROM patient q WHERE q.given_name = p.given_name AND q.family_name = p.family_name) = 1
       ORDER BY mrn LIMIT 1`,
    ).get() as PatientFacts,
  );
}

/** 1980-12-24 as 24/12/1980 (English) or 24.12.1980 (Danish). */
function dateIn(iso: string, sep: string): string {
  const [y, m, d] = iso.split('-');
  return [d, m, y].join(sep);
}

test('a wrong password is refused at the password field; no session starts and nothing is written but the failure', async ({ page, host }) => {
  const clientId = trackClientId(page);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Sign in to Portal Desk' })).toBeVisible();
  const before = snapshot(host);

  await page.keyboard.type('frontdesk');
  await page.keyboard.press('Tab');
  await page.keyboard.type('not the right password');
  await page.keyboard.press('Enter');

  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('Wrong username or password.');
  await expect(page.getByLabel('Username')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);

  const state = await apiCall(host, 'session.state', {}, clientId());
  expect(state.body).toMatchObject({ ok: true, value: { staff: null, locked: false } });

  const after = snapshot(host);
  for (const table of Object.keys(before)) {
    if (table === 'audit_event' || table === 'staff_user') continue;
    expect(after[table], `table ${table}`).toEqual(before[table]);
  }
  const known = new Set((before.audit_event as Array<{ id: string }>).map((r) => r.id));
  const newAudit = (after.audit_event as Array<{ id: string }>).filter((r) => !known.has(r.id));
  expect(newAudit).toEqual([expect.objectContaining({ action: 'auth.signIn', outcome: 'failed', patient_id: null })]);
  const staffBefore = before.staff_user as Array<{ username: string; failed_attempts: number }>;
  const staffAfter = after.staff_user as Array<{ username: string; failed_attempts: number }>;
  expect(staffAfter).toEqual(staffBefore.map((s) => (s.username === 'frontdesk' ? { ...s, failed_attempts: 1 } : s)));

  // the message is localized, also when the language changes while it is shown
  await page.getByRole('button', { name: 'Skift til dansk' }).click();
  await expect(page.getByLabel('Adgangskode', { exact: true })).toHaveAccessibleDescription('Forkert brugernavn eller adgangskode.');
});

test('keyboard only: palette, find a patient by typing, open the header, Danish and back', async ({ page, host }) => {
  const p = uniquePatient(host);
  await signIn(page, host, 'frontdesk');
  const search = page.getByRole('searchbox', { name: 'Find a patient' });
  await expect(search).toBeFocused();

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('Go to Patients');
  await expect(palette.getByRole('option', { name: /Go to Patients/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(search).toBeFocused();

  await page.keyboard.type(`${p.given_name} ${p.family_name}`);
  const grid = page.getByRole('grid', { name: 'Patients found' });
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(grid.getByRole('row', { name: new RegExp(p.mrn) })).toBeVisible();
  await page.keyboard.press('Enter');

  const header = page.getByRole('region', { name: 'Patient header' });
  await expect(header.getByRole('heading', { name: `${p.family_name}, ${p.given_name}` })).toBeVisible();
  await expect(header).toContainText(`Born ${dateIn(p.date_of_birth, '/')}`);

  await page.keyboard.press('Control+K');
  await page.keyboard.type('Switch language');
  await page.keyboard.press('Enter');
  const danish = page.getByRole('region', { name: 'Patienthoved' });
  await expect(danish).toContainText(`Født ${dateIn(p.date_of_birth, '.')}`);
  // the rows on screen follow too (they are memoized, and must not keep the English cells)
  const danishGrid = page.getByRole('grid', { name: 'Fundne patienter' });
  await expect(danishGrid.getByRole('row', { name: new RegExp(p.mrn) })).toContainText(dateIn(p.date_of_birth, '.'));
  await expect(page.getByRole('navigation', { name: 'Skærmbilleder' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'da');

  await page.keyboard.press('Control+K');
  await expect(page.getByRole('dialog', { name: 'Kommandopalet' })).toBeVisible();
  await page.keyboard.type('Skift sprog');
  await page.keyboard.press('Enter');
  await expect(header).toContainText(`Born ${dateIn(p.date_of_birth, '/')}`);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
});

test('? shows the shortcuts of the current screen and the global ones; Esc closes it', async ({ page, host }) => {
  await signIn(page, host, 'frontdesk');
  await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeFocused();
  // from the search box "?" is a character to search for; from the table it asks for help
  await page.keyboard.press('Tab');
  await expect(page.getByRole('grid', { name: 'Patients found' })).toBeFocused();
  await page.keyboard.press('?');

  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('heading', { name: 'On this screen' })).toBeVisible();
  await expect(help).toContainText('Alt+SSearch patients');
  await expect(help).toContainText('Ctrl+KOpen the command palette');
  await expect(help).toContainText('Ctrl+Shift+LLock the screen');

  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Patients found' })).toBeFocused();
});

test('Esc closes the palette and gives the focus back to where it was', async ({ page, host }) => {
  await signIn(page, host, 'frontdesk');
  await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeFocused();
  await page.keyboard.press('Tab');
  const grid = page.getByRole('grid', { name: 'Patients found' });
  await expect(grid).toBeFocused();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
  await expect(grid).toBeFocused();
});

test('the palette puts the best match first across its groups: "go to" then Enter goes to a screen, it does not sign out', async ({ page, host }) => {
  await signIn(page, host, 'frontdesk');
  await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeFocused();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  // "Sign out" matches "go to" faintly (g…o…t…o); the screens match it well
  await page.keyboard.type('go to');
  await expect(palette.getByRole('option').first()).toHaveAccessibleName(/Go to Patients/);
  await expect(palette.getByRole('option', { name: /Go to Patients/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Patients/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeVisible();
});

test.describe('with a three-second idle lock', () => {
  test.use({ hostArgs: ['--idle-lock-seconds', '3'] });

  test('an idle screen locks and hides the patient; the password brings it back', async ({ page, host }) => {
    const clientId = trackClientId(page);
    const p = uniquePatient(host);
    await signIn(page, host, 'frontdesk');
    await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeFocused();
    await page.keyboard.type(p.mrn);
    await expect(page.getByRole('grid', { name: 'Patients found' }).getByRole('row', { name: new RegExp(p.mrn) })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: `${p.family_name}, ${p.given_name}` })).toBeVisible();

    // no input from here on: the lock comes by itself
    await expect(page.getByRole('heading', { name: 'Screen locked' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('region', { name: 'Patient header' })).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toContain(p.family_name);
    expect(html).not.toContain(p.mrn);
    const refused = await apiCall(host, 'patients.search', { text: p.mrn }, clientId());
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.type(demoPassword('frontdesk'));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
    await expect(page.getByRole('heading', { name: `${p.family_name}, ${p.given_name}` })).toBeVisible();
  });
});

/** A raw HTTP request, so the Host and Origin headers are exactly what the test says. */
function send(host: HostProcess, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const port = new URL(host.origin).port;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('the host refuses calls without the token, with a wrong token, from a foreign origin or host', async ({ host }) => {
  const signInBody = JSON.stringify({ method: 'auth.signIn', input: { username: 'frontdesk', password: demoPassword('frontdesk') } });
  const json = { 'content-type': 'application/json' };
  const auditRows = () => readDb(host, (db) => db.prepare('SELECT count(*) FROM audit_event').pluck().get());

  expect((await send(host, '/api/connect', {})).status).toBe(401);
  expect((await send(host, '/api/connect', { 'x-portal-token': host.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(401);
  expect((await send(host, '/api/connect', { 'x-portal-token': `${host.token}x` })).status).toBe(401);

  const { clientId } = JSON.parse((await send(host, '/api/connect', { 'x-portal-token': host.token })).body) as { clientId: string };
  const good = { ...json, 'x-portal-token': host.token, 'x-portal-client': clientId };
  const audits = auditRows();
  expect((await send(host, '/api/call', { ...json, 'x-portal-client': clientId }, signInBody)).status).toBe(401);
  expect((await send(host, '/api/call', { ...good, origin: 'http://evil.example' }, signInBody)).status).toBe(403);
  expect((await send(host, '/api/call', { ...good, origin: 'null' }, signInBody)).status).toBe(403);
  expect((await send(host, '/api/call', { ...good, host: `evil.example:${new URL(host.origin).port}` }, signInBody)).status).toBe(421);
  expect(auditRows()).toBe(audits);
  expect((await apiCall(host, 'session.state', {}, clientId)).body).toMatchObject({ ok: true, value: { staff: null } });

  // the same call, properly made, goes through: the refusals above were about the headers alone
  const ok = await send(host, '/api/call', { ...good, origin: host.origin }, signInBody);
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { staff: { username: 'frontdesk' } } });
});

test.describe('first run on an empty data directory', () => {
  let host: HostProcess;
  test.beforeEach(async () => {
    host = await startHost();
  });
  test.afterEach(async () => {
    await host.stop();
  });

  test('"Open the demo clinic" leads to a sign-in screen that shows the demo sign-ins', async ({ page }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Welcome to Portal Desk' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Open the demo clinic' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Sign in to Portal Desk' })).toBeVisible({ timeout: 30_000 });
    const demo = page.getByRole('complementary', { name: 'Demo clinic sign-ins' });
    for (const username of ['admin', 'frontdesk', 'media']) {
      await expect(demo.getByRole('row', { name: new RegExp(`${username} ${demoPassword(username)}`) })).toBeVisible();
    }
  });

  test('"Create the first admin" with a too-common password shows the message at the field and creates nobody', async ({ page }) => {
    await page.goto(host.url);
    const form = page.getByRole('form', { name: 'Create the first admin' });
    await form.getByLabel('Clinic name').fill('Nordklinik');
    await form.getByLabel('Full name').fill('Bo Boss');
    await form.getByLabel('Username').fill('boss');
    const password = form.getByLabel('Password');
    await password.fill('password1234');
    await password.press('Enter');

    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/This password is too common/);
    await expect(form.getByLabel('Username')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { name: 'Welcome to Portal Desk' })).toBeVisible();
    expect(readDb(host, (db) => db.prepare('SELECT count(*) FROM staff_user').pluck().get())).toBe(0);
    expect(readDb(host, (db) => db.prepare('SELECT count(*) FROM clinic').pluck().get())).toBe(0);
  });
});
