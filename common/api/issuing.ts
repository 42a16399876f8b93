import { z } from 'zod';
import type { KeyStatus } from '../rules/accessKey';
import type { CalendarDate, Timestamp } from '../time';
import { command, out, query } from './define';
import type { Sex, StudySummary } from './patients';

/** Seed 000: result (media) requests a portal patient sent through the portal. */
export type ResultRequestStatus = 'new' | 'handled' | 'dismissed';

export interface ResultRequestSummary {
  id: string;
  status: ResultRequestStatus;
  createdAt: Timestamp;
  handledAt: Timestamp | null;
  handledBy: string | null;
  message: string | null;
  version: number;
}

/** Why no key can be issued to this portal patient. */
export type NotIssuableReason = 'notMatched' | 'portalDisabled';

/** One line of the Portal patients worklist: a portal account or a result request, matched or not. */
export interface PortalPatientRow {
  /** The RIS patient's id, or `request:<id>` for a request matched to no RIS patient. */
  id: string;
  patientId: string | null;
  familyName: string | null;
  givenName: string | null;
  dateOfBirth: CalendarDate | null;
  mrn: string | null;
  accountId: string | null;
  portalEmail: string | null;
  requests: ResultRequestSummary[];
  openRequests: number;
  latestRequestAt: Timestamp | null;
  keys: number;
  lastIssuedAt: Timestamp | null;
  notIssuable: NotIssuableReason | null;
}

export interface IdentitySide {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: CalendarDate | null;
  sex: Sex | null;
  mrn: string | null;
  email: string | null;
  mobile: string | null;
}

export const IDENTITY_FIELDS = ['name', 'dateOfBirth', 'sex', 'mrn', 'email', 'mobile'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export interface IssuableStudy extends StudySummary {
  /** Only studies with a final report can be visible to the patient, so only they can be picked. */
  pickable: boolean;
  imagesReadyAt: Timestamp | null;
  reportReadyAt: Timestamp | null;
  /** Live keys of this patient that already include the study. */
  issuedIn: number;
}

/** Everything Patient validation and Confirm & pick studies show, in one audited read. */
export interface IssuingPreparation {
  patientId: string | null;
  accountId: string | null;
  request: { id: string; status: ResultRequestStatus; version: number } | null;
  portal: IdentitySide & { source: 'request' | 'account' };
  ris: IdentitySide | null;
  differences: IdentityField[];
  notIssuable: NotIssuableReason | null;
  studies: IssuableStudy[];
  /** What a key issued now would get. */
  expiresAt: Timestamp;
  expiryDays: number;
  notify: boolean;
  delays: { studyHours: number; reportHours: number };
}

export interface IssuedKeyCreated {
  keyId: string;
  /** The access code, grouped for reading. Returned this once; only its hash is kept. */
  code: string;
  issuedAt: Timestamp;
  expiresAt: Timestamp;
  studies: Array<{ id: string; accessionNumber: string; description: string; imagesReadyAt: Timestamp | null; reportReadyAt: Timestamp }>;
  requestHandled: boolean;
  notify: boolean;
  status: KeyStatus;
}

export const SLIP_REASONS = ['patientAtDesk', 'post', 'representative'] as const;
export type SlipReason = (typeof SLIP_REASONS)[number];

export const issuingMethods = {
  'issuing.patients': query({
    input: z.object({ view: z.enum(['all', 'open']).default('all'), limit: z.number().int().min(1).max(5_000).default(2_000) }),
    output: out<{ rows: PortalPatientRow[]; more: boolean }>(),
    access: 'portal.media',
  }),
  'issuing.prepare': query({
    input: z
      .object({ patientId: z.uuid().optional(), requestId: z.uuid().optional() })
      .refine((v) => v.patientId || v.requestId, { message: 'errors.required', path: ['patientId'] }),
    output: out<IssuingPreparation>(),
    access: 'portal.media',
  }),
  'keys.issue': command({
    input: z.object({
      patientId: z.uuid(),
      studyIds: z.array(z.uuid()).min(1).max(50),
      requestId: z.uuid().optional(),
      /** Staff confirmed Patient validation (the handler refuses false, at this field). */
      identityConfirmed: z.boolean(),
    }),
    output: out<IssuedKeyCreated>(),
    access: 'portal.media',
  }),
  'keys.printSlip': command({
    input: z.object({
      keyId: z.uuid(),
      code: z.string().max(40),
      /** Required: the handler refuses a missing reason at this field. */
      reason: z.enum(SLIP_REASONS).optional(),
      language: z.enum(['en', 'da']).default('en'),
    }),
    output: out<{ fileName: string; pdfBase64: string }>(),
    access: 'portal.media',
  }),
};
