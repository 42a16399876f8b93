import { z } from 'zod';
import type { Timestamp } from '../time';
import { out, query } from './define';

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditRow {
  id: string;
  at: Timestamp;
  staffId: string | null;
  staffUsername: string | null;
  action: string;
  patientId: string | null;
  patientName: string | null;
  outcome: AuditOutcome;
  workstationId: string;
  entityType: string | null;
  entityId: string | null;
  detail: string | null;
}

const timestamp = z.iso.datetime();

export const auditMethods = {
  'audit.list': query({
    input: z
      .object({
        from: timestamp.optional(),
        to: timestamp.optional(),
        staff: z.string().max(64).optional(),
        action: z.string().max(64).optional(),
        patientId: z.uuid().optional(),
        outcome: z.enum(AUDIT_OUTCOMES).optional(),
        limit: z.number().int().min(1).max(10_000).default(2_000),
      })
      .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'errors.rangeReversed', path: ['to'] }),
    output: out<{ rows: AuditRow[]; more: boolean }>(),
    access: 'audit.read',
  }),
};
