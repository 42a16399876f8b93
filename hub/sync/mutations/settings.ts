import type { MutationArgs } from '../../../common/sync/mutations';
import { putRows } from './rows';
import type { MutationContext } from './types';

/**
 * `settings.put`: the clinic's configuration rows and their history. The hub obeys what they say
 * by reading the rows themselves (hub/settings.ts), so storing them is the whole effect.
 */
export async function putSettings(ctx: MutationContext, args: MutationArgs<'settings.put'>) {
  return putRows(ctx, { put: { setting: args.put.setting, setting_history: args.put.setting_history } });
}
