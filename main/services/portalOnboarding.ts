import type { OnboardingPage, OnboardingRow, OnboardResult, OnboardSkip } from '../../common/api/portal';
import { DomainError } from '../../common/result';
import type { PortalReason } from '../../common/rules/portalStatus';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { runCommand, type Writer } from '../../db/command';
import { accountsSharingEmail, hasText, statusOf } from '../../db/queries/portal';
import { onboardingPage, type OnboardingFilter } from '../../db/queries/portalOnboarding';
import { getSetting } from '../../db/queries/settings';
import { commandContext, type CallContext } from '../context';
import { enableWrite, insertAccount } from './portalAccount';
import { freeUsernameFor, loadFacts, requirePortalOn } from './portalFacts';
import { activationWrite } from './portalRequests';

export function onboardingList(
  input: OnboardingFilter,
  ctx: CallContext,
): OnboardingPage {
  const { store, clock } = ctx.app;
  const now = nowTimestamp(clock);
  const portalEnabled = getSetting(store, 'portal.enabled');
  const page = onboardingPage(store, input, now, portalEnabled);
  const rows = page.rows.map(
    (r): OnboardingRow => ({
      patientId: r.id,
      mrn: r.mrn,
      name: `${r.family_name}, ${r.given_name}`,
      email: r.email,
      username: r.account?.username ?? null,
      lastStudyDate: r.last_study,
      status: statusOf(portalEnabled, r, r.account, r.state, r.former === 1, now),
    }),
  );
  // like patient search: the list shows patients, so the read is on record, by its size
  insertAudit(store, ctx.actor, now, { action: 'portal.onboardingList', detail: `${rows.length} of ${page.total}${page.capped ? '+' : ''}` });
  return { rows, total: page.total, capped: page.capped, hasMore: page.hasMore };
}

const SKIP_OF: Partial<Record<PortalReason, OnboardSkip>> = {
  noEmail: 'noEmail',
  tempPasswordExpired: 'noEmail',
  noPostalCode: 'noPostalCode',
};

class Skip extends Error {
  constructor(readonly reason: OnboardSkip) {
    super(reason);
  }
}

function firstSkip(reasons: readonly PortalReason[]): OnboardSkip | undefined {
  for (const r of reasons) if (SKIP_OF[r]) return SKIP_OF[r];
  return undefined;
}

/**
 * One patient of the onboarding tool, in its own transaction: a patient skipped or failed
 * never undoes the ones before it. Seed 002: access enabled in bulk gets the rights the clinic
 * offers. Seed 004: patients sharing one email each get their own (suggested) username.
 */
function onboardOne(w: Writer, patientId: string, send: boolean): { result: OnboardResult; accountId: string; action: string } {
  const f = loadFacts(w.store, patientId, w.now);
  const s = f.status;
  if (!f.account) {
    const missing = firstSkip(s.reasons);
    if (missing) throw new Skip(missing);
    const email = f.patient.email;
    const shared = !!email && accountsSharingEmail(w.store, email, patientId) > 0;
    const row = insertAccount(
      w,
      f.patient,
      {
        email: hasText(email) ? email : null,
        username: shared ? freeUsernameFor(w.store, f.patient) : null,
        rights: getSetting(w.store, 'portal.offeredRights'),
        wantsElectronicReply: false,
        temp: null,
        send,
      },
      null,
    );
    return { result: { patientId, outcome: send ? 'sent' : 'enabled' }, accountId: row.id, action: send ? 'enabled, link requested' : 'enabled' };
  }
  const a = f.account;
  let enabled = false;
  if (a.access_enabled === 0) {
    try {
      enableWrite(w, patientId, true);
    } catch (err) {
      if (err instanceof DomainError && err.field === 'postalCode') throw new Skip('noPostalCode');
      if (err instanceof DomainError && err.field === 'email') throw new Skip('noEmail');
      throw err;
    }
    enabled = true;
  } else {
    const missing = firstSkip(s.reasons);
    if (missing) throw new Skip(missing);
  }
  const after = loadFacts(w.store, patientId, w.now).status;
  if (send) {
    if (after.kind === 'locked') throw new Skip('locked');
    if (after.activated) throw new Skip('alreadyActive');
    if (after.invited) throw new Skip('alreadyInvited');
    activationWrite(w, patientId);
    return { result: { patientId, outcome: 'sent' }, accountId: a.id, action: enabled ? 'enabled, link requested' : 'link requested' };
  }
  if (!enabled) throw new Skip('alreadyEnabled');
  return { result: { patientId, outcome: 'enabled' }, accountId: a.id, action: 'enabled' };
}

export function onboard(input: { patientIds: string[]; send: boolean }, ctx: CallContext): { results: OnboardResult[] } {
  const { store, clock } = ctx.app;
  requirePortalOn(store);
  const results: OnboardResult[] = [];
  for (const patientId of [...new Set(input.patientIds)]) {
    try {
      const done = runCommand(commandContext(ctx), {
        run: (w) => onboardOne(w, patientId, input.send),
        audit: (d) => ({ action: 'portal.onboard', patientId, entityType: 'portal_account', entityId: d.accountId, detail: d.action }),
      });
      results.push(done.result);
    } catch (err) {
      if (err instanceof Skip) results.push({ patientId, outcome: 'skipped', reason: err.reason });
      else if (err instanceof DomainError && err.code === 'not_found') results.push({ patientId, outcome: 'skipped', reason: 'notFound' });
      else if (err instanceof DomainError && err.field === 'username') results.push({ patientId, outcome: 'skipped', reason: 'usernameNeeded' });
      else throw err;
    }
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  insertAudit(store, ctx.actor, nowTimestamp(clock), {
    action: 'portal.onboardBatch',
    detail: `${input.send ? 'send' : 'enable'}: ${count('sent')} sent, ${count('enabled')} enabled, ${count('skipped')} skipped`,
  });
  if (results.some((r) => r.outcome !== 'skipped')) ctx.app.events.broadcast('data.changed', { entities: ['portal_account'] });
  return { results };
}
