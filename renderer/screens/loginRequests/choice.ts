import type { LoginRequestDetail, RequestedRights } from '../../../common/api/loginRequests';
import { PORTAL_RIGHTS, type PortalRight } from '../../../common/settings';

/** Whom an approval is for: a patient on file, a new patient, or nobody picked yet. */
export type PatientChoice = { id: string } | { createNew: true } | null;

export const isNew = (c: PatientChoice): c is { createNew: true } => !!c && 'createNew' in c;
export const choiceKey = (c: PatientChoice): string => (c === null ? '' : isNew(c) ? 'new' : c.id);

/**
 * What the dialog starts with. Only an unambiguous answer is picked for staff: the decided
 * patient, the one full match when nobody ties with it, or a new patient when nobody comes
 * close; a tie or a partial match leaves the choice to them.
 */
export function initialChoice(d: LoginRequestDetail): PatientChoice {
  if (d.request.patientId) return { id: d.request.patientId };
  const best = d.candidates[0];
  if (!best) return { createNew: true };
  if (best.full && !d.tie) return { id: best.patient.id };
  return null;
}

export const rightsList = (r: RequestedRights): PortalRight[] => PORTAL_RIGHTS.filter((x) => r[x]);

export function rightsOf(list: readonly PortalRight[]): RequestedRights {
  return { econsultation: list.includes('econsultation'), ebooking: list.includes('ebooking'), eprescription: list.includes('eprescription') };
}
