import type { AuditOutcome } from '../common/api/audit';
import { newId } from '../common/ids';
import type { Timestamp } from '../common/time';
import type { Store } from './store';

export interface Actor {
  staffId: string | null;
  workstationId: string;
}

export interface AuditInput {
  action: string;
  patientId?: string | null;
  outcome?: AuditOutcome;
  entityType?: string | null;
  entityId?: string | null;
  /** Short, non-sensitive: never a password, code, token or free text typed about a patient. */
  detail?: string | null;
}

export function insertAudit(store: Store, actor: Actor, at: Timestamp, input: AuditInput): string {
  const id = newId();
  store.run(
    store.k.insertInto('audit_event').values({
      id,
      at,
      staff_id: actor.staffId,
      action: input.action,
      patient_id: input.patientId ?? null,
      outcome: input.outcome ?? 'ok',
      workstation_id: actor.workstationId,
      entity_type: input.entityType ?? null,
      entity_id: input.entityId ?? null,
      detail: input.detail ?? null,
    }),
  );
  return id;
}
