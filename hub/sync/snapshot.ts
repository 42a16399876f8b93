import { ENTITIES, type EntityName, type EntityRow } from '../../common/sync/entities';
import type { SnapshotLine } from '../../common/sync/protocol';
import type { HubContext } from '../context';
import { entityDb, entityTable } from './changes';
import type { AuthedClient } from './push';

const PAGE = 2000;

/**
 * Every current row of the client's clinic as NDJSON. The cursor is read first: a row written
 * after it may appear here too, and then again in the first pull, which the version guard makes
 * harmless; nothing written before the cursor can be missing.
 */
export async function* snapshotLines(hub: HubContext, client: AuthedClient): AsyncGenerator<string> {
  const { db } = hub.store;
  const meta = await db.selectFrom('hub_meta').select(['epoch', 'seq']).where('id', '=', 1).executeTakeFirstOrThrow();
  const counts = await Promise.all(
    (Object.keys(ENTITIES) as EntityName[]).map(async (name) => {
      const r = await entityDb(db).selectFrom(entityTable(name)).select((eb) => eb.fn.countAll().as('n')).where('clinic_id', '=', client.clinicId).executeTakeFirst();
      return Number((r as { n?: number } | undefined)?.n ?? 0);
    }),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  const line = (l: SnapshotLine) => JSON.stringify(l) + '\n';
  yield line({ kind: 'header', epoch: meta.epoch, cursor: Number(meta.seq), rows: total });
  let sent = 0;
  for (const name of Object.keys(ENTITIES) as EntityName[]) {
    let after = '';
    for (;;) {
      const rows = (await entityDb(db).selectFrom(entityTable(name)).selectAll()
        .where('clinic_id', '=', client.clinicId).where('id', '>', after).orderBy('id').limit(PAGE).execute()) as EntityRow[];
      if (!rows.length) break;
      let chunk = '';
      for (const r of rows) chunk += line({ kind: 'row', entity: name, version: Number(r.version), data: r });
      sent += rows.length;
      yield chunk;
      after = String(rows[rows.length - 1]?.id);
      if (rows.length < PAGE) break;
    }
  }
  yield line({ kind: 'end', rows: sent });
}
