import { foldText } from '../../common/rules/text';
import { expect, signIn, test } from './fixtures';
import { readDb } from './inspect';

test('moving through a long table by keyboard keeps the active row in view, never under the header', async ({ page, host }) => {
  await signIn(page, host, 'frontdesk');
  const search = page.getByRole('searchbox', { name: 'Find a patient' });
  await expect(search).toBeFocused();
  await page.keyboard.type('P10000');
  const grid = page.getByRole('grid', { name: 'Patients found' });
  await expect(grid).toHaveAttribute('aria-rowcount', '51');
  await page.keyboard.press('ArrowDown');
  await expect(grid).toBeFocused();

  const active = grid.locator('[data-active]');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
  await expect(active).toHaveAttribute('aria-rowindex', '22');
  await expect(active).toBeInViewport({ ratio: 1 });

  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowUp');
  await expect(active).toHaveAttribute('aria-rowindex', '7');
  // the sticky header does not clip the row, it covers it: ask what is on top at the row's middle
  const onTop = await active.evaluate((row) => {
    const r = row.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('[role=row]') === row;
  });
  expect(onTop).toBe(true);
});

test('typing in a table filters it by every word, on any column; Esc clears the filter', async ({ page, host }) => {
  const all = readDb(host, (db) => db.prepare('SELECT mrn, given_name, family_name, date_of_birth, sex FROM patient ORDER BY mrn').all()) as Array<Record<string, string>>;
  const p = all[7] as Record<string, string>;
  const words = [p.family_name as string, (p.given_name as string).split(' ')[0] as string];
  const folded = words.map((w) => foldText(w));
  const expected = all.filter((r) => {
    const text = foldText([r.mrn, `${r.family_name}, ${r.given_name}`, r.date_of_birth, r.sex].join(' '));
    return folded.every((w) => text.includes(w));
  });

  await signIn(page, host, 'frontdesk');
  await expect(page.getByRole('searchbox', { name: 'Find a patient' })).toBeFocused();
  await page.keyboard.type('P10000');
  const grid = page.getByRole('grid', { name: 'Patients found' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(all.length + 1));
  await page.keyboard.press('ArrowDown');
  await expect(grid).toBeFocused();

  await page.keyboard.press('/');
  await page.keyboard.type(words.join(' '));
  await expect(page.getByRole('status').filter({ hasText: 'Filter:' })).toContainText(`${expected.length} / ${all.length}`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  await expect(grid.getByRole('row', { name: new RegExp(p.mrn as string) })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(grid).toHaveAttribute('aria-rowcount', String(all.length + 1));
});
