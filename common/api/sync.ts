import { z } from 'zod';
import type { SyncStatus } from '../sync/status';
import type { Timestamp } from '../time';
import { command, out, query } from './define';

export interface PendingChange {
  mutationId: number;
  name: string;
  /** The kind of record it carries (the first, when several), and how many records. */
  entity: string | null;
  rows: number;
  createdAt: Timestamp;
  staffName: string | null;
}

export interface ConflictRow {
  id: string;
  kind: 'conflict' | 'rejected' | 'forbidden' | 'overwritten';
  mutationName: string;
  entity: string | null;
  entityId: string | null;
  /** JSON of what this side sent, and of what the hub held: shown side by side. */
  ours: string | null;
  theirs: string | null;
  message: string;
  handledBy: string | null;
  handledAt: Timestamp | null;
  createdAt: Timestamp;
  /** Whether this workstation made the refused change. */
  fromHere: boolean;
  acknowledgedBy: string | null;
  acknowledgedAt: Timestamp | null;
}

/** Where the hub is and the one-time code its administrator gave: enrolling, or joining a clinic. */
export const enrollInput = z.object({
  hubUrl: z.url({ protocol: /^https?$/, error: 'errors.hubUrl' }),
  code: z.string().trim().regex(/^[0-9A-Za-z-\s]{12,20}$/, 'errors.enrollmentCode'),
});

export const syncMethods = {
  'sync.status': query({ input: z.object({}), output: out<SyncStatus>(), access: 'sync.view', background: true }),
  'sync.now': command({ input: z.object({}), output: out<SyncStatus>(), access: 'sync.view' }),
  'sync.enroll': command({
    input: enrollInput,
    output: out<SyncStatus>(),
    access: 'portal.manage',
  }),
  'sync.pending': query({ input: z.object({}), output: out<PendingChange[]>(), access: 'sync.view' }),
  'sync.conflicts': query({
    input: z.object({ includeAcknowledged: z.boolean().default(false) }),
    output: out<ConflictRow[]>(),
    access: 'sync.view',
  }),
  'sync.acknowledge': command({
    input: z.object({ ids: z.array(z.string().min(1)).min(1).max(500) }),
    output: out<{ acknowledged: number }>(),
    access: 'sync.resolve',
  }),
};
