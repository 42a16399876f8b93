import type { IssuedKeyView, KeyChangeResult } from '../../common/api/keys';
import { extendProblem, keyStatus } from '../../common/rules/accessKey';
import { DomainError, fieldError } from '../../common/result';
import { DAY_MS, nowTimestamp, toTimestamp, type Timestamp } from '../../common/time';
import type { AuditInput } from '../../db/audit';
import { insertAudit } from '../../db/audit';
import { runCommand, type Writer } from '../../db/command';
import {
  disableLiveKeys,
  entityRow,
  getKeys,
  keysByLookup,
  searchKeys,
  studiesOfKeys,
  updateKey,
  type IssuedKeyRow,
  type KeySearchRow,
  type KeyStudyLine,
} from '../../db/queries/issuedKeys';
import { getSetting } from '../../db/queries/settings';
import { codeLookup, verifyAccessCode } from '../accessCodes';
import { type CallContext, commandContext, requireSession } from '../context';
import type { Handlers } from '../dispatcher';

import { codeProblemError } from './issuing';

export function keyView(r: KeySearchRow, studies: KeyStudyLine[], now: Timestamp): IssuedKeyView {
  return {
    id: r.id,
    status: keyStatus({ expiresAt: r.expires_at, disabledAt: r.disabled_at, deletedAt: r.deleted_at }, { lockedAt: r.locked_at }, now),
    patientId: r.patient_id,
    mrn: r.mrn,
    familyName: r.family_name,
    givenName: r.given_name,
    dateOfBirth: r.date_of_birth,
    origin: r.origin,
    issuer: r.issuer_username,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    misses: r.misses ?? 0,
    disabledAt: r.disabled_at,
    disabledReason: r.disabled_reason,
    studies: studies.map((s) => ({
      id: s.study_id,
      accessionNumber: s.accession_number,
      modality: s.modality,
      description: s.description,
      studyDate: s.study_date,
      imagesReadyAt: s.images_ready_at,
      reportReadyAt: s.report_ready_at,
    })),
  };
}

export function views(ctx: CallContext, rows: KeySearchRow[], now: Timestamp): IssuedKeyView[] {
  const lines = studiesOfKeys(ctx.app.store, rows.map((r) => r.id));
  const byKey = new Map<string, KeyStudyLine[]>();
  for (const l of lines) byKey.set(l.key_id, [...(byKey.get(l.key_id) ?? []), l]);
  return rows.map((r) => keyView(r, byKey.get(r.id) ?? [], now));
}

/**
 * Disable, enable and extend share one shape: load the selected keys (all must exist), change
 * the ones the action applies to, queue one mutation with the changed rows whole, and audit each
 * changed key with its patient and studies.
 */
function changeKeys(
  ctx: CallContext,
  ids: string[],
  action: 'key.disable' | 'key.enable' | 'key.extend',
  change: (w: Writer, key: IssuedKeyRow) => Partial<IssuedKeyRow> | null,
  queue: (w: Writer, changed: IssuedKeyRow[]) => void,
): KeyChangeResult {
  const { store } = ctx.app;
  const unique = [...new Set(ids)];
  const { changed, now } = runCommand(commandContext(ctx), {
    run: (w) => {
      const keys = getKeys(w.store, unique);
      if (keys.length !== unique.length) throw new DomainError('not_found', 'an issued key was not found', { key: 'keys.errors.keyNotFound' });
      const changed: IssuedKeyRow[] = [];
      for (const k of keys) {
        const patch = change(w, k);
        if (patch) changed.push(updateKey(w.store, k.id, { ...patch, updated_at: w.now }));
      }
      if (changed.length) queue(w, changed);
      return { changed, studies: studiesOfKeys(w.store, changed.map((k) => k.id)), now: w.now };
    },
    audit: ({ changed: list, studies: lines }) =>
      list.map((k): AuditInput => ({
        action,
        patientId: k.patient_id,
        entityType: 'issued_key',
        entityId: k.id,
        detail: [
          `studies ${lines.filter((l) => l.key_id === k.id).map((l) => l.accession_number).join(',')}`,
          action === 'key.extend' ? `expires ${k.expires_at}` : null,
        ].filter(Boolean).join('; '),
      })),
  });
  const rows = searchKeys(store, { ids: unique, now, limit: unique.length }).rows;
  return { changed: changed.length, unchanged: unique.length - changed.length, keys: views(ctx, rows, now) };
}

/**
 * For the portal switch (issue 6): turning the portal off disables every live key with the
 * reason 'portal-disabled' and tells the hub, inside the caller's command (which audits the
 * switch). Turning it on again enables nothing: staff enable keys one by one, seeing the reason.
 */
export function disableKeysForPortalOff(w: Writer): number {
  const changed = disableLiveKeys(w.store, 'portal-disabled', w.actor.staffId, w.now);
  if (changed.length) w.mutate('keys.disable', { put: { issued_key: changed.map(entityRow) }, reason: 'portal-disabled' });
  return changed.length;
}

export const keyHandlers: Pick<Handlers, 'keys.search' | 'keys.disable' | 'keys.enable' | 'keys.extend'> = {
  'keys.search': async (input, ctx) => {
    const { store, clock } = ctx.app;
    const now = nowTimestamp(clock);
    let ids: string[] | undefined;
    if (input.code.trim()) {
      const { canonical, error } = codeProblemError('code', input.code);
      if (error) throw error;
      const candidates = keysByLookup(store, codeLookup(canonical as string));
      ids = [];
      for (const c of candidates) if (c.code_hash && (await verifyAccessCode(canonical as string, c.code_hash))) ids.push(c.id);
      if (ids.length === 0) throw fieldError('code', 'keys.errors.codeUnknown', 'no issued key has this code');
    }
    const expiringBy = input.view === 'expiringSoon' ? toTimestamp(Date.parse(now) + input.expiringWithinDays * DAY_MS) : undefined;
    const { rows, more } = searchKeys(store, { text: input.text, issuer: input.issuer, from: input.from, to: input.to, ids, expiringBy, now, limit: input.limit });
    if (rows.length > 0) {
      insertAudit(store, ctx.actor, now, { action: 'key.search', detail: `${rows.length} keys${ids ? ' by code' : ''}` });
    }
    return { rows: views(ctx, rows, now), more };
  },

  'keys.disable': ({ ids }, ctx) => {
    const session = requireSession(ctx);
    return changeKeys(
      ctx,
      ids,
      'key.disable',
      (w, k) => (k.disabled_at ? null : { disabled_at: w.now, disabled_by: session.staffId, disabled_reason: 'staff' }),
      (w, changed) => w.mutate('keys.disable', { put: { issued_key: changed.map(entityRow) }, reason: 'staff' }),
    );
  },

  'keys.enable': ({ ids }, ctx) => {
    if (!getSetting(ctx.app.store, 'portal.enabled')) {
      throw new DomainError('portal_disabled', 'the patient portal is disabled', { key: 'keys.errors.enablePortalDisabled' });
    }
    return changeKeys(
      ctx,
      ids,
      'key.enable',
      (_w, k) => (k.disabled_at ? { disabled_at: null, disabled_by: null, disabled_reason: null } : null),
      (w, changed) => w.mutate('keys.enable', { put: { issued_key: changed.map(entityRow) } }),
    );
  },

  'keys.extend': ({ ids, expiresAt }, ctx) => {
    const problem = extendProblem(expiresAt, nowTimestamp(ctx.app.clock));
    if (problem === 'past') throw fieldError('expiresAt', 'keys.errors.extendPast', 'the new expiry is not in the future');
    if (problem === 'tooFar') throw fieldError('expiresAt', 'keys.errors.extendTooFar', 'the new expiry is more than a year ahead');
    // keys that already expire later keep their expiry: extending never shortens
    return changeKeys(
      ctx,
      ids,
      'key.extend',
      (_w, k) => (k.expires_at < expiresAt ? { expires_at: expiresAt } : null),
      (w, changed) => w.mutate('keys.extend', { put: { issued_key: changed.map(entityRow) } }),
    );
  },
};
