import { test as base, expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../../main/services/demo';
import { startHost, type HostProcess } from './host';
import { waitForFirstSync } from './inspect';

/**
 * `host`: a browser host on a fresh data directory, opened as the demo clinic through the API
 * (the first-run screen itself is tested on its own). `signIn(page, username)` signs in through
 * the sign-in screen with the keyboard only. `hostArgs` / `hostEnv` go to the host's command
 * line / environment (its embedded hub inherits the environment: PORTAL_HUB_SMTP_URL and so on);
 * a spec can override `hostEnv` with a fixture of its own, e.g. one that starts a mail server first.
 */
export const test = base.extend<{ host: HostProcess; hostArgs: string[]; hostEnv: Record<string, string> }>({
  hostArgs: [[], { option: true }],
  /** Extra environment of the host, which its embedded hub inherits (e.g. PORTAL_HUB_SMTP_URL). */
  hostEnv: [{}, { option: true }],
  host: async ({ hostArgs, hostEnv }, use) => {
    const host = await startHost({ args: hostArgs, env: hostEnv });
    try {
      await openDemo(host);
      if (!hostArgs.includes('--hub')) await waitForFirstSync(host);
    } catch (e) {
      // a host left running keeps syncing and slows every test after it
      await host.stop();
      throw e;
    }
    await use(host);
    await host.stop();
  },
});

/** Calls the API the way the renderer does: connect for a client id, then POST /api/call. */
export async function apiCall(host: HostProcess, method: string, input: unknown = {}, clientId?: string) {
  const headers = { 'x-portal-token': host.token, 'content-type': 'application/json' };
  const id = clientId ?? ((await (await fetch(`${host.origin}/api/connect`, { method: 'POST', headers })).json()) as { clientId: string }).clientId;
  const res = await fetch(`${host.origin}/api/call`, { method: 'POST', headers: { ...headers, 'x-portal-client': id }, body: JSON.stringify({ method, input }) });
  return { clientId: id, status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
}

export async function openDemo(host: HostProcess): Promise<void> {
  const r = await apiCall(host, 'setup.openDemo');
  if (!r.body.ok) throw new Error(`could not open the demo clinic: ${JSON.stringify(r.body)}`);
}

export function demoPassword(username: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account.password;
}

/** Signs in through the sign-in screen with the keyboard only. */
export async function signIn(page: Page, host: HostProcess, username: string): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Sign in to Portal Desk' })).toBeVisible();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(demoPassword(username));
  await page.keyboard.press('Enter');
  // the password's scrypt takes a while on a busy machine
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible({ timeout: 30_000 });
}

export { expect };
