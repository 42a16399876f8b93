import type { IdentityField, IdentitySide } from '../api/issuing';
import { foldText } from './text';

const digits = (v: string) => v.replace(/\D/g, '');
/** Danish numbers are compared on their last 8 digits, so +45 12345678 equals 12 34 56 78. */
const phone = (v: string) => digits(v).slice(-8);
const name = (given: string | null, family: string | null) => foldText(`${given ?? ''} ${family ?? ''}`).replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Patient validation: which fields the portal patient gave differently from the RIS patient.
 * A field the portal side did not give is not a difference (it is shown as not given).
 */
export function identityDifferences(portal: IdentitySide, ris: IdentitySide): IdentityField[] {
  const out: IdentityField[] = [];
  if ((portal.givenName || portal.familyName) && name(portal.givenName, portal.familyName) !== name(ris.givenName, ris.familyName)) out.push('name');
  if (portal.dateOfBirth && portal.dateOfBirth !== ris.dateOfBirth) out.push('dateOfBirth');
  if (portal.sex && portal.sex !== ris.sex) out.push('sex');
  if (portal.mrn && portal.mrn.toUpperCase() !== (ris.mrn ?? '').toUpperCase()) out.push('mrn');
  if (portal.email && portal.email.trim().toLowerCase() !== (ris.email ?? '').trim().toLowerCase()) out.push('email');
  if (portal.mobile && phone(portal.mobile) !== phone(ris.mobile ?? '')) out.push('mobile');
  return out;
}
