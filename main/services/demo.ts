import type { DemoAccount } from '../../common/api/session';

/**
 * The demo clinic's sign-ins. They are public by design (shown on the sign-in screen in demo
 * mode only) and exist only in a data directory opened as the demo clinic.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', password: 'demo-admin-portal', role: 'portal_admin' },
  { username: 'frontdesk', password: 'demo-frontdesk-portal', role: 'front_desk' },
  { username: 'media', password: 'demo-media-portal', role: 'media_management' },
];

export const DEMO_DISPLAY_NAMES: Record<string, string> = {
  admin: 'Ada Admin',
  frontdesk: 'Frida Front',
  media: 'Mads Media',
};

export const DEMO_PATIENTS = 50;
export const DEMO_SEED = 20261122;
