import { expect, type Locator, type Page } from '@playwright/test';

/** Opens a screen the keyboard way: the command palette (Ctrl+K), the command's id, Enter. */
export async function openScreen(page: Page, name: string, id: string): Promise<void> {
  await openPalette(page);
  await page.keyboard.type(`goto.${id}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** Ctrl+K, waiting until the palette's input has the focus so no typed letter is lost. */
export async function openPalette(page: Page): Promise<void> {
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: 'Command palette' })).toBeFocused();
}

/** Presses Tab until `target` has the focus, as a keyboard user would (fails after `max` presses). */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Selects the focused field's text and types over it. */
export async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+a');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
}
