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
   * `approved` / `rejected`: decided (here, at another workstation, or automatically: see
   * `decidedBy`, `decidedAutomatically`). `handledElsewhere`: the same patient registered twice
   * and another of their requests was approved, so nothing is left to decide on this one.
   */
  state: LoginRequestState;
  /** A deleted portal account of this clinic matched the patient: they had these rights before. */
  returningPatient: boolean;
  previousRights: PortalRight[];
  /** Who decided, as the hub names them: "Staff display name, Clinic name"; null for an automatic decision. */
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  decidedAutomatically: boolean;
  rejectReason: RejectionChoice | null;
  /** Why automatic approval left the request to staff (null when it did not look at it: the clinic approves by hand). */
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
  /**
   * Makes (or, when the patient's account already uses the registration's email, extends) the
   * portal account and has the hub send the activation link in the request's language. Errors:
   * `rights` (none ticked: registrations.errors.noRights; one not asked for: .notRequested; one the
   * clinic does not offer: portal.errors.rightNotOffered), `patient` (not found; an account with
   * another email: registrations.errors.otherAccount), `conflict` when already decided
   * (registrations.errors.handled {by, at} / .handledAutomatically {at}), portal_disabled. A
   * decision made elsewhere first shows up after sync as a conflict on the Conflicts screen.
   */
  'registrations.approve': command({
    input: z.object({ id, baseVersion, patient: patientChoice, rights }),
    output: out<LoginRequestRow>(),
    access: 'portal.frontDesk',
  }),
  /**
   * A listed reason is emailed in the patient's language; `other` needs a typed note (≤ 500), which
   * is never emailed: the patient gets a link to a hub page showing it after giving their date of
   * birth. `note` is ignored with any other reason. Conflicts as for approve.
   */
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
