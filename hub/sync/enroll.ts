import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { HOUR_MS, toTimestamp } from '../../common/time';
import type { HubContext } from '../context';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** Enrollment codes are for typing: 12 Crockford characters (60 bits), shown as XXXX-XXXX-XXXX. */
function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function normalizeCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8, 12)}`;
}

/**
 * A one-time code a hub admin hands to the person setting up a workstation. Without a clinic it
 * founds a new clinic (the first workstation brings the clinic's identity); with one it joins it.
 */
export async function createEnrollmentCode(hub: HubContext, opts: { clinicId?: string | null; ttlHours?: number } = {}): Promise<string> {
  const code = newCode();
  const now = hub.clock.now();
  await hub.store.db.insertInto('enrollment').values({
    code_hash: sha256(code), clinic_id: opts.clinicId ?? null, created_at: toTimestamp(now),
    expires_at: toTimestamp(now + (opts.ttlHours ?? 24) * HOUR_MS), used_at: null, used_by: null,
  }).execute();
  return code;
}

export type EnrollResult =
  | { ok: true; clientId: string; clinicId: string; credential: string; epoch: string }
  | { ok: false; status: 400 | 403 | 409; error: string };

export async function redeemEnrollment(
  hub: HubContext,
  req: { code: string; clientId: string; clinic?: { id: string; name: string } | undefined; label?: string | undefined },
): Promise<EnrollResult> {
  const now = toTimestamp(hub.clock.now());
  return hub.store.db.transaction().execute(async (trx): Promise<EnrollResult> => {
    const row = await trx.selectFrom('enrollment').selectAll().where('code_hash', '=', sha256(normalizeCode(req.code))).executeTakeFirst();
    if (!row || row.used_at || row.expires_at < now) return { ok: false, status: 403, error: 'unknown, used or expired enrollment code' };
    const clinicId = row.clinic_id ?? req.clinic?.id;
    if (!clinicId) return { ok: false, status: 400, error: 'this code founds a clinic: send the clinic id and name' };
    const taken = await trx.selectFrom('sync_client').select('client_id').where('client_id', '=', req.clientId).executeTakeFirst();
    if (taken) return { ok: false, status: 409, error: 'this client id is already enrolled; a cloned workstation needs a new id' };
    if (!row.clinic_id) {
      const existing = await trx.selectFrom('sync_client').select('client_id').where('clinic_id', '=', clinicId).executeTakeFirst();
      if (existing) return { ok: false, status: 409, error: 'this clinic already exists on the hub: ask for a join code' };
    }
    const credential = randomBytes(32).toString('base64url');
    await trx.insertInto('sync_client').values({
      client_id: req.clientId, clinic_id: clinicId, credential_hash: sha256(credential), last_applied: 0,
      label: req.label ?? null, created_at: now, last_seen_at: null, revoked_at: null,
    }).execute();
    await trx.updateTable('enrollment').set({ used_at: now, used_by: req.clientId }).where('code_hash', '=', row.code_hash).execute();
    const meta = await trx.selectFrom('hub_meta').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
    return { ok: true, clientId: req.clientId, clinicId, credential, epoch: meta.epoch };
  });
}

/** `Authorization: Bearer <clientId>.<credential>`; the hub keeps only the credential's hash. */
export async function authenticate(hub: HubContext, header: string | undefined): Promise<{ clientId: string; clinicId: string } | null> {
  const m = /^Bearer ([^.\s]+)\.([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) return null;
  const [, clientId, secret] = m as unknown as [string, string, string];
  const row = await hub.store.db.selectFrom('sync_client').select(['clinic_id', 'credential_hash', 'revoked_at']).where('client_id', '=', clientId).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const a = Buffer.from(sha256(secret));
  const b = Buffer.from(row.credential_hash);
  return a.length === b.length && timingSafeEqual(a, b) ? { clientId, clinicId: row.clinic_id } : null;
}
