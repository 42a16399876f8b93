import { ENTITIES, isEntityName, type EntityRow } from '../../../common/sync/entities';
import type { MutationArgs } from '../../../common/sync/mutations';
import { entityRules } from '../rules';
import { MutationOutcome, type MutationContext, type Overwrite } from './types';

/**
 * `rows.put`: clinic-owned rows as a workstation wrote them. The clinic owns them, so they are
 * stored; when another workstation wrote the row since this one read it, the replaced version is
 * kept as an `overwritten` conflict so nobody's change disappears unseen.
 */
export async function putRows(ctx: MutationContext, args: MutationArgs<'rows.put'>) {
  const overwrites: Overwrite[] = [];
  for (const [entity, rows] of Object.entries(args.put)) {
    if (!isEntityName(entity)) throw new MutationOutcome('rejected', `unknown entity ${entity}`);
    if (ENTITIES[entity].owner !== 'clinic') {
      throw new MutationOutcome('forbidden', `${entity} is owned by the hub; send a command instead`, { entity });
    }
    for (const row of rows as EntityRow[]) {
      const id = String(row.id);
      if (row.clinic_id !== ctx.client.clinicId) throw new MutationOutcome('forbidden', `${entity} ${id} belongs to another clinic`, { entity, entityId: id });
      const existing = await ctx.changes.get(entity, id);
      if (existing && existing.clinic_id !== ctx.client.clinicId) {
        throw new MutationOutcome('forbidden', `${entity} ${id} belongs to another clinic`, { entity, entityId: id });
      }
      await entityRules[entity]?.(existing, row);
      const base = Number(row.version ?? 0);
      if (existing && Number(existing.version) > base) {
        const writer = await ctx.changes.lastWriter(entity, id);
        if (writer && writer.clientId !== ctx.client.clientId) {
          overwrites.push({ entity, id, theirs: existing, ours: row, by: writer.staffName, at: writer.at });
        }
      }
      await ctx.changes.put(entity, row);
    }
  }
  return { overwrites };
}
