import type { PatientDetail } from '../../common/api/patients';
import { DomainError } from '../../common/result';
import { runCommand } from '../../db/command';
import { getPatientRow, type PatientRow } from '../../db/queries/patients';
import { pickSynced } from '../../common/sync/entities';
import { commandContext } from '../context';
import type { Handlers } from '../dispatcher';
import { toSummary } from './patients';

type ContactColumns = Pick<PatientRow, 'email' | 'mobile' | 'postal_code' | 'address_line' | 'city'>;

export function detailOf(p: PatientRow): PatientDetail {
  return { ...toSummary(p), email: p.email, mobile: p.mobile, postalCode: p.postal_code, addressLine: p.address_line, city: p.city, updatedAt: p.updated_at };
}

export const contactHandlers: Pick<Handlers, 'patients.updateContact'> = {
  'patients.updateContact': (input, ctx) => {
    const { row } = runCommand(commandContext(ctx), {
      run: (w) => {
        const p = getPatientRow(w.store, input.id);
        if (!p) throw new DomainError('not_found', 'patient not found', { key: 'errors.patientNotFound' });
        const next: ContactColumns = {
          email: input.email || null,
          // stored without the spaces people type for readability
          mobile: input.mobile.replace(/\s+/g, '') || null,
          postal_code: input.postalCode || null,
          address_line: input.addressLine || null,
          city: input.city || null,
        };
        const changed = (Object.keys(next) as Array<keyof ContactColumns>).filter((k) => next[k] !== p[k]);
        if (!changed.length) return { row: p, changed };
        w.store.run(w.store.k.updateTable('patient').set({ ...next, updated_at: w.now }).where('id', '=', p.id));
        const row: PatientRow = { ...p, ...next, updated_at: w.now };
        // the clinic owns demographics: the hub gets the whole row, at the version it was based on
        w.mutate('rows.put', { put: { patient: [pickSynced('patient', row)] } });
        return { row, changed };
      },
      // which fields changed, never their values
      audit: ({ changed }) => ({
        action: 'patient.updateContact', patientId: input.id, entityType: 'patient', entityId: input.id,
        detail: changed.length ? `changed ${changed.join(', ')}` : 'no change',
      }),
    });
    return detailOf(row);
  },
};
