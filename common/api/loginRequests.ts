import { z } from 'zod';
import { REJECTION_CHOICES, type RejectionChoice } from '../notifications';
import type { ManualReason } from '../rules/autoApproval';
import type { FieldVerdict } from '../rules/identityMatch';
import type { PortalRight } from '../settings';
import type { CalendarDate, Timestamp } from '../time';
import { command, out, query } from './define';
import type { Sex } from './patients';

/**
 * Login requests (issue 7, seed 002 "Loginbestillinger"): patients' self-registrations that
 * arrived from the hub, the match evidence against the clinic's patients, and the decision.
 * Methods are named `registrations.*` (API names take a lower-case domain); the mutations they
 * send to the hub are `loginRequests.approve / reject / review` (common/sync/mutations.ts).
 */
export const LOGIN_REQUEST_STATES = ['new', 'approved', 'rejected', 'handledElsewhere'] as const;
export type LoginRequestState = (typeof LOGIN_REQUEST_STATES)[number];

export interface RequestedRights {
  econsultation: boolean;
  ebooking: boolean;
  eprescription: boolean;
}

export interface LoginRequestRow {
  id: string;
  clinicId: string;
  clinicName: string;
  createdAt: Timestamp;
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate;
  email: string;
  mobile: string | null;
  postalCode: string | null;
  /** The language the patient used on the hub's page: their emails go out in it. */
  language: 'en' | 'da';
  /** What the patient asked for. */
  rights: RequestedRights;
  /** Once approved: the rights the account holds (staff may have unticked some). */
  grantedRights: RequestedRights | null;
  /** `strong`: NemID/MitID; `email`: only the email address was confirmed by a link. */
  verification: 'strong' | 'email';
  /**
   * `handledElsewhere`: decided at the hub by another workstation or clinic (the decision this
   * workstation did not make itself); `approved` / `rejected`: decided from this clinic.
   */
  state: LoginRequestState;
  /** A deleted portal account of this clinic matched the patient: they had these rights before. */
  returningPatient: boolean;
  previousRights: PortalRight[];
  /** Staff display name, or null for an automatic decision. */
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  decidedAutomatically: boolean;
  rejectReason: RejectionChoice | null;
  /** Why automatic approval left the request to staff (null when it did not look at it). */
  manualReason: ManualReason | null;
  /** The patient the account was made for, once approved. */
  patientId: string | null;
  version: number;
}

/** Field evidence: `match` for the screen's marks, `verdict` for the detail (folded case/accents, swapped day/month, partial name). */
export type MatchMark = 'match' | 'mismatch' | 'missing';
export interface FieldMatchView {
  field: 'email' | 'familyName' | 'givenName' | 'dateOfBirth' | 'postalCode' | 'phone';
  entered: string | null;
  chart: string | null;
  match: MatchMark;
  verdict: FieldVerdict;
}

export interface CandidatePatient {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate;
  sex: Sex;
  email: string | null;
  mobile: string | null;
  postalCode: string | null;
  /** The patient has a live portal account at this clinic already (approving links to it only if its email agrees). */
  hasAccount: boolean;
}

export interface LoginRequestCandidate {
  patient: CandidatePatient;
  fields: FieldMatchView[];
  /** 0..100. */
  score: number;
  /** Seed 001's identity rule holds (email, last name, date of birth and postal code agree). */
  full: boolean;
}

export interface LoginRequestDetail {
  request: LoginRequestRow;
  /** Best first, at most five. */
  candidates: LoginRequestCandidate[];
  /** Two best candidates match equally (or several fully): possibly one person on file twice. */
  tie: boolean;
}

const id = z.string().min(1).max(64);
const baseVersion = z.number().int().min(0);
/** No right ticked is no account: the field error `rights` says so. */
const rights = z.object({ econsultation: z.boolean(), ebooking: z.boolean(), eprescription: z.boolean() });
const patientChoice = z.union([z.object({ id: z.uuid() }), z.object({ createNew: z.literal(true) })]);

export const loginRequestMethods = {
  'registrations.list': query({
    input: z.object({ text: z.string().max(100).optional() }),
    output: out<LoginRequestRow[]>(),
    access: 'portal.frontDesk',
  }),
  /** For the shell's badge: requests still waiting for staff. */
  'registrations.count': query({ input: z.object({}), output: out<{ open: number }>(), access: 'portal.frontDesk', background: true }),
  /** Audited as a patient read of each candidate shown. */
  'registrations.get': query({ input: z.object({ id }), output: out<LoginRequestDetail>(), access: 'portal.frontDesk' }),
  'registrations.approve': command({
    input: z.object({ id, baseVersion, patient: patientChoice, rights }),
    output: out<LoginRequestRow>(),
    access: 'portal.frontDesk',
  }),
  'registrations.reject': command({
    input: z
      .object({
        id,
        baseVersion,
        reason: z.enum(REJECTION_CHOICES),
        note: z.string().trim().max(500).optional(),
      })
      .refine((v) => v.reason !== 'other' || (v.note ?? '') !== '', { message: 'errors.required', path: ['note'] }),
    output: out<LoginRequestRow>(),
    access: 'portal.frontDesk',
  }),
};
