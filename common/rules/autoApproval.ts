import { CLOSE_SCORE, type MatchResult } from './identityMatch';

/**
 * Seed 002 "Anmodning om oprettelse godkendes automatisk": with portal.selfRegistration =
 * 'automaticStrong', a registration verified by strong eID is approved without staff when exactly
 * one patient matches, or (portal.autoApproveCreatesPatient) a new patient is created when nobody
 * comes close. Anything else stays with staff, with one of these reasons.
 */
export const MANUAL_REASONS = [
  /** Verified by email only: seed 002 requires NemID/MitID for automatic handling. */
  'emailOnly',
  /** Two or more patients match (equally): perhaps one person on file twice. */
  'severalMatches',
  /** Somebody matches closely but not on every field of seed 001's rule. */
  'partialMatch',
  /** Nobody matches, and the clinic does not let automatic approval create patients. */
  'noMatch',
  /** The matching patient already has a portal account at this clinic. */
  'hasAccount',
  /** Another patient's account uses this email address: the new account needs a username. */
  'emailShared',
] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

export type AutoDecision =
  | { kind: 'approve'; patientId: string }
  | { kind: 'createPatient' }
  | { kind: 'manual'; reason: ManualReason };

export interface AutoFacts {
  verification: 'strong' | 'email';
  createsPatient: boolean;
  match: MatchResult;
  /** About the single full match, when there is one. */
  hasAccount(patientId: string): boolean;
  /** Whether the request's email is used by another patient's live account (a username would be needed). */
  emailShared(exceptPatientId: string | null): boolean;
}

export function autoDecision(f: AutoFacts): AutoDecision {
  if (f.verification !== 'strong') return { kind: 'manual', reason: 'emailOnly' };
  const { match } = f;
  if (match.possibleDuplicate) return { kind: 'manual', reason: 'severalMatches' };
  if (match.single) {
    if (f.hasAccount(match.single.id)) return { kind: 'manual', reason: 'hasAccount' };
    if (f.emailShared(match.single.id)) return { kind: 'manual', reason: 'emailShared' };
    return { kind: 'approve', patientId: match.single.id };
  }
  // a close but imperfect candidate may well be this patient: a new record beside it would be a duplicate
  if (match.candidates.some((c) => c.score >= CLOSE_SCORE || c.full)) return { kind: 'manual', reason: 'partialMatch' };
  if (!f.createsPatient) return { kind: 'manual', reason: 'noMatch' };
  if (f.emailShared(null)) return { kind: 'manual', reason: 'emailShared' };
  return { kind: 'createPatient' };
}
