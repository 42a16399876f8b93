import type { Selectable } from 'kysely';
import type { PatientTable, PortalAccountTable, ResultRequestTable } from '../schema';
import type { Store } from '../store';

export type ResultRequestRow = Selectable<ResultRequestTable>;
/** A request with the RIS patient it is matched to: its own patient_id, or its account's. */
export type MatchedRequestRow = ResultRequestRow & { matched_patient_id: string | null };
export type AccountRow = Selectable<PortalAccountTable>;
export type PatientRow = Selectable<PatientTable>;

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Result requests, newest first, each with the RIS patient it belongs to. A request is matched
 * when it names a patient that exists here, or comes from a portal account (accounts always
 * belong to a patient); otherwise it is a portal patient no key can be issued to yet.
 */
export function listRequests(store: Store, opts: { openOnly: boolean; limit: number }): MatchedRequestRow[] {
  let q = store.k
    .selectFrom('result_request as r')
    .leftJoin('portal_account as a', (j) => j.onRef('a.id', '=', 'r.account_id').on('a.deleted_at', 'is', null))
    .leftJoin('patient as p', (j) => j.on((eb) => eb('p.id', '=', eb.fn.coalesce('r.patient_id', 'a.patient_id'))).on('p.deleted_at', 'is', null))
    .selectAll('r')
    .select('p.id as matched_patient_id')
    .where('r.deleted_at', 'is', null);
  if (opts.openOnly) q = q.where('r.status', '=', 'new');
  return store.all(q.orderBy('r.created_at', 'desc').limit(opts.limit));
}

export function getRequest(store: Store, id: string): MatchedRequestRow | undefined {
  return store.first(
    store.k
      .selectFrom('result_request as r')
      .leftJoin('portal_account as a', (j) => j.onRef('a.id', '=', 'r.account_id').on('a.deleted_at', 'is', null))
      .leftJoin('patient as p', (j) => j.on((eb) => eb('p.id', '=', eb.fn.coalesce('r.patient_id', 'a.patient_id'))).on('p.deleted_at', 'is', null))
      .selectAll('r')
      .select('p.id as matched_patient_id')
      .where('r.id', '=', id)
      .where('r.deleted_at', 'is', null),
  );
}

/** The newest request of a patient that is still new, if any: the one issuing answers. */
export function openRequestOf(store: Store, patientId: string): MatchedRequestRow | undefined {
  return listRequestsOf(store, patientId).find((r) => r.status === 'new');
}

export function listRequestsOf(store: Store, patientId: string): MatchedRequestRow[] {
  return store.all(
    store.k
      .selectFrom('result_request as r')
      .leftJoin('portal_account as a', (j) => j.onRef('a.id', '=', 'r.account_id').on('a.deleted_at', 'is', null))
      .selectAll('r')
      .select((eb) => eb.fn.coalesce('r.patient_id', 'a.patient_id').as('matched_patient_id'))
      .where('r.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('r.patient_id', '=', patientId), eb('a.patient_id', '=', patientId)]))
      .orderBy('r.created_at', 'desc'),
  );
}

export function listAccounts(store: Store, limit: number): AccountRow[] {
  return store.all(store.k.selectFrom('portal_account').selectAll().where('deleted_at', 'is', null).orderBy('created_at', 'desc').limit(limit));
}

export function accountOf(store: Store, patientId: string): AccountRow | undefined {
  return store.first(store.k.selectFrom('portal_account').selectAll().where('patient_id', '=', patientId).where('deleted_at', 'is', null));
}

export function patientsByIds(store: Store, ids: readonly string[]): Map<string, PatientRow> {
  const out = new Map<string, PatientRow>();
  for (const part of chunks(ids)) {
    for (const p of store.all(store.k.selectFrom('patient').selectAll().where('id', 'in', part).where('deleted_at', 'is', null))) out.set(p.id, p);
  }
  return out;
}

/** Live keys per patient: how many, and the latest issue time. */
export function keyCounts(store: Store, patientIds: readonly string[]): Map<string, { n: number; last: string | null }> {
  const out = new Map<string, { n: number; last: string | null }>();
  for (const part of chunks(patientIds)) {
    const rows = store.all(
      store.k
        .selectFrom('issued_key')
        .select((eb) => ['patient_id', eb.fn.countAll<number>().as('n'), eb.fn.max('issued_at').as('last')])
        .where('patient_id', 'in', part)
        .where('deleted_at', 'is', null)
        .groupBy('patient_id'),
    );
    for (const r of rows) out.set(r.patient_id, { n: r.n, last: r.last });
  }
  return out;
}
