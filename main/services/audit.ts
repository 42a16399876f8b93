import type { AuditOutcome, AuditRow } from '../../common/api/audit';
import type { Handlers } from '../dispatcher';

export const auditHandlers: Pick<Handlers, 'audit.list'> = {
  'audit.list': (input, ctx) => {
    const { store } = ctx.app;
    let q = store.k
      .selectFrom('audit_event as a')
      .leftJoin('staff_user as s', 's.id', 'a.staff_id')
      .leftJoin('patient as p', 'p.id', 'a.patient_id')
      .select([
        'a.id', 'a.at', 'a.staff_id', 's.username', 'a.action', 'a.patient_id', 'p.given_name', 'p.family_name',
        'a.outcome', 'a.workstation_id', 'a.entity_type', 'a.entity_id', 'a.detail',
      ]);
    if (input.from) q = q.where('a.at', '>=', input.from);
    if (input.to) q = q.where('a.at', '<=', input.to);
    if (input.staff) q = q.where('s.username', '=', input.staff.toLowerCase());
    if (input.action) q = q.where('a.action', 'like', `${input.action.replace(/[%_]/g, '')}%`);
    if (input.patientId) q = q.where('a.patient_id', '=', input.patientId);
    if (input.outcome) q = q.where('a.outcome', '=', input.outcome);
    const rows = store.all(q.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(input.limit + 1));
    return {
      more: rows.length > input.limit,
      rows: rows.slice(0, input.limit).map(
        (r): AuditRow => ({
          id: r.id,
          at: r.at,
          staffId: r.staff_id,
          staffUsername: r.username ?? null,
          action: r.action,
          patientId: r.patient_id,
          patientName: r.family_name ? `${r.family_name}, ${r.given_name ?? ''}` : null,
          outcome: r.outcome as AuditOutcome,
          workstationId: r.workstation_id,
          entityType: r.entity_type,
          entityId: r.entity_id,
          detail: r.detail,
        }),
      ),
    };
  },
};
