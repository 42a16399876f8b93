import { z } from 'zod';
import { LANGUAGES } from '../i18n/types';
import type { PortalGroup, PortalStatus } from '../rules/portalStatus';
import { PORTAL_GROUPS } from '../rules/portalStatus';
import { PORTAL_RIGHTS, type PortalRight } from '../settings';
import type { CalendarDate, Timestamp } from '../time';
import { isCalendarDate } from '../time';
import { command, out, query } from './define';

export interface PortalAccountView {
  id: string;
  username: string | null;
  email: string | null;
  rights: PortalRight[];
  wantsElectronicReply: boolean;
  accessEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The patient's last deleted association with this clinic: a returning patient, and the rights they had. */
export interface FormerAccountView {
  removedAt: Timestamp;
  username: string | null;
  rights: PortalRight[];
}

/** Everything the portal form and the header show about one patient's portal access. */
export interface PortalView {
  patientId: string;
  email: string | null;
  postalCode: string | null;
  portalEnabled: boolean;
  offeredRights: PortalRight[];
  activateWithoutConfirmation: boolean;
  tempPasswordDays: number;
  account: PortalAccountView | null;
  former: FormerAccountView | null;
  status: PortalStatus;
  /** A free username made from the patient's name. */
  suggestedUsername: string;
  /** Other patients whose portal accounts use the same email address (seed 004: each needs a username). */
  emailSharedWith: number;
}

/** The credential letter, returned once by the command that set the temporary password. */
export interface CredentialLetter {
  pdfBase64: string;
  fileName: string;
  username: string;
  /** Shown once in the dialog and printed on the letter, never again. */
  password: string;
  /** Portal Desk made it up (else staff typed it). */
  generated: boolean;
  portalName: string;
  expiresAt: Timestamp;
  portalAddress: string;
}

export interface OnboardingRow {
  patientId: string;
  mrn: string;
  name: string;
  email: string | null;
  username: string | null;
  lastStudyDate: CalendarDate | null;
  status: PortalStatus;
}

export interface OnboardingPage {
  rows: OnboardingRow[];
  /** How many patients match, counted up to a cap (see `capped`) so that 100k stay quick. */
  total: number;
  capped: boolean;
  /** Another page follows in the direction asked for. */
  hasMore: boolean;
}

export type OnboardOutcome = 'sent' | 'enabled' | 'skipped';
export type OnboardSkip =
  | 'noEmail'
  | 'noPostalCode'
  | 'alreadyInvited'
  | 'alreadyActive'
  | 'alreadyEnabled'
  | 'locked'
  | 'notFound'
  | 'usernameNeeded';
export interface OnboardResult {
  patientId: string;
  outcome: OnboardOutcome;
  reason?: OnboardSkip;
}

const patientId = z.uuid();
/** Empty means "none"; anything else must look like an address. */
export const emailInput = z
  .string()
  .trim()
  .max(254)
  .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'errors.email' });
/** Postal codes of Denmark (4 digits) and abroad: letters, digits, space and dash, 3 to 10 long. */
export const postalCodeInput = z
  .string()
  .trim()
  .max(10)
  .refine((v) => v === '' || /^[A-Za-z0-9][A-Za-z0-9 -]{2,9}$/.test(v), { message: 'portal.errors.postalCodeFormat' });
const usernameInput = z.string().trim().max(64);
const rights = z.array(z.enum(PORTAL_RIGHTS)).max(PORTAL_RIGHTS.length);
const language = z.enum(LANGUAGES).default('en');
const tempPassword = z.object({
  mode: z.enum(['none', 'generate', 'typed']),
  password: z.string().max(1024).default(''),
});
const pageCursor = z.object({ mrn: z.string().max(64), id: z.uuid() });
const confirmed = z.literal(true, { message: 'portal.errors.confirmFirst' });

export const portalMethods = {
  'portal.get': query({ input: z.object({ patientId }), output: out<PortalView>(), access: 'patient.read' }),
  'portal.checkUsername': query({
    input: z.object({ username: z.string().max(100), patientId: patientId.optional() }),
    output: out<{ username: string; problem: string | null; free: boolean }>(),
    access: 'portal.frontDesk',
  }),
  'portal.create': command({
    input: z.object({
      patientId,
      email: emailInput,
      postalCode: postalCodeInput,
      username: usernameInput,
      rights,
      wantsElectronicReply: z.boolean(),
      tempPassword: tempPassword.default({ mode: 'none', password: '' }),
      language,
    }),
    output: out<{ view: PortalView; letter: CredentialLetter | null }>(),
    access: 'portal.frontDesk',
  }),
  'portal.update': command({
    input: z.object({ patientId, username: usernameInput, rights, wantsElectronicReply: z.boolean(), postalCode: postalCodeInput }),
    output: out<PortalView>(),
    access: 'portal.frontDesk',
  }),
  'portal.setAccess': command({
    input: z.object({ patientId, enabled: z.boolean() }),
    output: out<PortalView>(),
    access: 'portal.frontDesk',
  }),
  'portal.sendActivation': command({ input: z.object({ patientId }), output: out<PortalView>(), access: 'portal.frontDesk' }),
  'portal.sendReset': command({ input: z.object({ patientId }), output: out<PortalView>(), access: 'portal.frontDesk' }),
  'portal.unlock': command({ input: z.object({ patientId }), output: out<PortalView>(), access: 'portal.frontDesk' }),
  'portal.delete': command({ input: z.object({ patientId, confirmed }), output: out<PortalView>(), access: 'portal.frontDesk' }),
  'portal.changeEmail': command({
    input: z.object({
      patientId,
      email: emailInput.refine((v) => v !== '', { message: 'errors.required' }),
      reason: z.string().trim().min(3, { message: 'portal.errors.reasonNeeded' }).max(500),
      confirmed,
    }),
    output: out<PortalView>(),
    access: 'portal.frontDesk',
  }),
  'portal.setTempPassword': command({
    input: z.object({ patientId, mode: z.enum(['generate', 'typed']), password: z.string().max(1024).default(''), language }),
    output: out<{ view: PortalView; letter: CredentialLetter }>(),
    access: 'portal.frontDesk',
  }),
  /** Records that the credential letter was saved or printed; it carries nothing itself. */
  'portal.letterUsed': command({
    input: z.object({ patientId, how: z.enum(['download', 'print']) }),
    output: out<{ ok: true }>(),
    access: 'portal.frontDesk',
  }),
  'portal.onboardingList': query({
    input: z.object({
      groups: z.array(z.enum(PORTAL_GROUPS as [PortalGroup, ...PortalGroup[]])).max(4).default([]),
      hasEmail: z.boolean().optional(),
      hasUsername: z.boolean().optional(),
      studyAfter: z.string().refine(isCalendarDate, { message: 'errors.format' }).optional(),
      /** Keyset paging in MRN order: the page after this row, or the one before it. */
      after: pageCursor.optional(),
      before: pageCursor.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: out<OnboardingPage>(),
    access: 'portal.frontDesk',
  }),
  /** Enables access (with the rights the clinic offers) and, with `send`, asks for activation links. */
  'portal.onboard': command({
    input: z.object({ patientIds: z.array(patientId).min(1).max(50), send: z.boolean() }),
    output: out<{ results: OnboardResult[] }>(),
    access: 'portal.frontDesk',
  }),
};
