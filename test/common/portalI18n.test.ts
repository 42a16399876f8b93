import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OnboardSkip } from '../../common/api/portal';
import { catalogs, LANGUAGES } from '../../common/i18n';
import type { PortalReason, PortalStatusKind } from '../../common/rules/portalStatus';
import { PORTAL_GROUPS } from '../../common/rules/portalStatus';
import { PORTAL_RIGHTS } from '../../common/settings';

function lookup(catalog: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);
}

const KINDS: PortalStatusKind[] = ['disabled', 'inactive', 'awaiting', 'active', 'locked'];
const REASONS: PortalReason[] = ['portalOff', 'accessDisabled', 'accessNotEnabled', 'associationDeleted', 'noEmail', 'tempPasswordExpired', 'noPostalCode'];
const SKIPS: OnboardSkip[] = ['noEmail', 'noPostalCode', 'alreadyInvited', 'alreadyActive', 'alreadyEnabled', 'locked', 'notFound', 'usernameNeeded'];

/** Every `portal.errors.x` key the services and the contract can return, read from their source. */
function errorKeysInSource(): string[] {
  const keys = new Set<string>();
  for (const dir of ['main/services', 'common/api']) {
    for (const file of readdirSync(dir)) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/'(portal\.errors\.[A-Za-z]+)'/g)) keys.add(m[1] as string);
    }
  }
  return [...keys];
}

describe('portal words in English and Danish', () => {
  const keys = [
    ...KINDS.map((k) => `portal.status.kind.${k}`),
    ...REASONS.map((r) => `portal.status.reason.${r}`),
    ...PORTAL_GROUPS.map((g) => `portal.status.group.${g}`),
    ...PORTAL_RIGHTS.map((r) => `portal.form.right.${r}`),
    ...SKIPS.map((s) => `onboarding.skip.${s}`),
    ...errorKeysInSource(),
  ];

  it.each(LANGUAGES)('%s has a message for every status, reason, colour, right, skip and error key built at run time', (lang) => {
    expect(errorKeysInSource().length).toBeGreaterThan(8);
    const missing = keys.filter((k) => typeof lookup(catalogs[lang], k) !== 'string');
    expect(missing).toEqual([]);
  });
});
