import type { MutationArgs } from '../../../common/sync/mutations';
import { MutationOutcome, type MutationContext } from './types';

export async function approveLoginRequest(_ctx: MutationContext, _args: MutationArgs<'loginRequests.approve'>): Promise<void> {
  throw new MutationOutcome('rejected', 'not yet');
}
export async function rejectLoginRequest(_ctx: MutationContext, _args: MutationArgs<'loginRequests.reject'>): Promise<void> {
  throw new MutationOutcome('rejected', 'not yet');
}
export async function reviewLoginRequest(_ctx: MutationContext, _args: MutationArgs<'loginRequests.review'>): Promise<void> {
  throw new MutationOutcome('rejected', 'not yet');
}
