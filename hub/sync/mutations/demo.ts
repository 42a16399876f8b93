import { ENTITIES, isEntityName, type EntityRow } from '../../../common/sync/entities';
import type { MutationArgs } from '../../../common/sync/mutations';
import { MutationOutcome, type MutationContext } from './types';

/**
 * `demo.hubRows`: the demo clinic's made-up patient records (requests, account states) written as
 * if patients had made them here. Only a hub started with --demo takes them; a real hub's
 * hub-owned records come from patients alone.
 */
export async function demoHubRows(ctx: MutationContext, args: MutationArgs<'demo.hubRows'>) {
  if (!ctx.demo) throw new MutationOutcome('forbidden', 'only a demo hub accepts demo data');
  for (const [entity, rows] of Object.entries(args.put)) {
    if (!isEntityName(entity) || ENTITIES[entity].owner !== 'hub') throw new MutationOutcome('rejected', `${entity} is not a hub-owned record`);
    for (const row of rows as EntityRow[]) {
      if (row.clinic_id !== ctx.client.clinicId) throw new MutationOutcome('forbidden', 'demo data for another clinic');
      if (!(await ctx.changes.get(entity, String(row.id)))) await ctx.changes.put(entity, row);
    }
  }
}
