import type { Kysely, Transaction } from 'kysely';
import { ENTITIES, pickSynced, type EntityName, type EntityRow } from '../../common/sync/entities';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import { QueryCache } from '../db/queries';
import type { HubDB } from '../db/schema';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Trx = Transaction<HubDB>;

/** Untyped access to the mirror tables (their columns come from common/sync/entities.ts). */
export const entityDb = (db: Kysely<HubDB> | Trx): AnyDb => db as unknown as AnyDb;
export const entityTable = (name: EntityName) => `e_${name}`;

/**
 * Change sequence numbers for one transaction that writes many rows (a push): the counter row is
 * updated (and, on PostgreSQL, locked until commit) by the first number taken; the rest are
 * counted here and written back once by `flush` before the transaction commits. A savepoint that
 * rolls back takes its numbers back with `reset`, so the sequence keeps no holes.
 */
export class SeqBlock {
  private next: number | null = null;
  private stored = 0;

  async take(claim: () => Promise<number>): Promise<number> {
    if (this.next === null) {
      const seq = await claim();
      this.next = seq + 1;
      this.stored = seq;
      return seq;
    }
    return this.next++;
  }

  mark(): { next: number | null; stored: number } {
    return { next: this.next, stored: this.stored };
  }

  reset(mark: { next: number | null; stored: number }): void {
    this.next = mark.next;
    this.stored = mark.stored;
  }

  /** The last number taken, into the counter row; call inside the transaction, before it commits. */
  async flush(trx: Trx): Promise<void> {
    if (this.next === null || this.next - 1 === this.stored) return;
    await trx.updateTable('hub_meta').set({ seq: this.next - 1 }).where('id', '=', 1).execute();
    this.stored = this.next - 1;
  }
}

/**
 * Every write to a synced record on the hub goes through here, inside the caller's transaction.
 * The change sequence number comes from a counter row updated in the same transaction (SYNC.md
 * rule 8): on SQLite writers are serial anyway; on PostgreSQL the row lock makes `seq` follow
 * commit order, which a plain sequence would not. The row's version is the seq that wrote it.
 */
export class ChangeWriter {
  private tx: number | null = null;
  readonly written: Array<{ scope: string; entity: EntityName; id: string; version: number }> = [];

  constructor(
    private readonly trx: Trx,
    private readonly now: string,
    private readonly origin: { clientId: string | null; mutationId: number | null; staffName: string | null } = {
      clientId: null,
      mutationId: null,
      staffName: null,
    },
    /** The store's compiled queries; without it each writer compiles its own. */
    private readonly queries: QueryCache = new QueryCache(),
    /** Numbers shared by the writers of one transaction, which then must flush it; without it each number updates the counter row. */
    private readonly seqs: SeqBlock | null = null,
  ) {}

  private async claimSeq(): Promise<number> {
    const q = this.queries.query('changes.nextSeq', [1, 1], () =>
      this.trx.updateTable('hub_meta').set((eb) => ({ seq: eb('seq', '+', 1) })).where('id', '=', 1).returning('seq'));
    const row = (await this.trx.executeQuery(q)).rows[0] as { seq: number | string } | undefined;
    if (!row) throw new Error('hub_meta is missing');
    return Number(row.seq);
  }

  private async nextSeq(): Promise<number> {
    const seq = this.seqs ? await this.seqs.take(() => this.claimSeq()) : await this.claimSeq();
    this.tx ??= seq;
    return seq;
  }

  async get(entity: EntityName, id: string): Promise<EntityRow | undefined> {
    const q = this.queries.query(`changes.get:${entity}`, [id], () => entityDb(this.trx).selectFrom(entityTable(entity)).selectAll().where('id', '=', id));
    return (await this.trx.executeQuery(q)).rows[0] as EntityRow | undefined;
  }

  /** Writes the row as given (its synced columns), at a new version; returns that version. */
  async put(entity: EntityName, row: Record<string, unknown>): Promise<number> {
    const seq = await this.nextSeq();
    const data: EntityRow = pickSynced(entity, row);
    data.version = seq;
    const scope = String(data.clinic_id);
    const cols = Object.keys(data);
    const q = this.queries.query(`changes.put:${entity}:${cols.join(',')}`, cols.map((c) => data[c]), () =>
      entityDb(this.trx).insertInto(entityTable(entity)).values(data).onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => Object.fromEntries(cols.filter((c) => c !== 'id').map((c) => [c, eb.ref(`excluded.${c}`)])))));
    await this.trx.executeQuery(q);
    await this.log(seq, scope, entity, String(data.id), 'put', data);
    return seq;
  }

  /** Updates some columns of an existing row (a hub-side decision or a patient action). */
  async update(entity: EntityName, id: string, patch: Record<string, unknown>): Promise<EntityRow> {
    const current = await this.get(entity, id);
    if (!current) throw new Error(`${entity} ${id} does not exist`);
    const next = pickSynced(entity, { ...current, ...patch });
    next.version = await this.put(entity, next);
    return next;
  }

  private async log(seq: number, scope: string, entity: EntityName, id: string, op: 'put' | 'delete', data: EntityRow | null): Promise<void> {
    const row = {
      seq,
      tx: this.tx ?? seq,
      scope,
      entity,
      entity_id: id,
      op,
      data: data ? JSON.stringify(data) : null,
      client_id: this.origin.clientId,
      mutation_id: this.origin.mutationId,
      staff_name: this.origin.staffName,
      at: this.now,
    };
    await this.trx.executeQuery(this.queries.query('changes.log', Object.values(row), () => this.trx.insertInto('change_log').values(row)));
    this.written.push({ scope, entity, id, version: seq });
  }

  /** Who last wrote the row: for telling an overwrite from a workstation's second edit of its own row. */
  async lastWriter(entity: EntityName, id: string): Promise<{ clientId: string | null; seq: number; staffName: string | null; at: string } | undefined> {
    const row = await this.trx
      .selectFrom('change_log')
      .select(['client_id', 'seq', 'staff_name', 'at'])
      .where('entity', '=', entity)
      .where('entity_id', '=', id)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { clientId: row.client_id, seq: Number(row.seq), staffName: row.staff_name, at: row.at } : undefined;
  }
}

export function isEntity(name: string): name is EntityName {
  return Object.prototype.hasOwnProperty.call(ENTITIES, name);
}

/**
 * A write made by the hub itself (a patient's action, a delivery receipt): one transaction with its
 * own change writer; the clinics whose records changed are poked afterwards.
 */
export async function writeAtHub<T>(hub: HubContext, fn: (changes: ChangeWriter, trx: Trx) => Promise<T>): Promise<T> {
  const now = toTimestamp(hub.clock.now());
  let written: ChangeWriter['written'] = [];
  const out = await hub.store.db.transaction().execute(async (trx) => {
    const changes = new ChangeWriter(trx, now, undefined, hub.store.queries);
    const r = await fn(changes, trx);
    written = changes.written;
    return r;
  });
  hub.pokes.poke(written.map((w) => w.scope));
  return out;
}
