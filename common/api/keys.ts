import { z } from 'zod';
import type { KeyStatus } from '../rules/accessKey';
import type { CalendarDate, Timestamp } from '../time';
import { command, out, query } from './define';

export interface IssuedKeyStudyLine {
  id: string;
  accessionNumber: string;
  modality: string;
  description: string;
  studyDate: CalendarDate;
  imagesReadyAt: Timestamp | null;
  reportReadyAt: Timestamp;
}

/** A line of Issued-Key Mng. Never the code: it exists only as a hash. */
export interface IssuedKeyView {
  id: string;
  status: KeyStatus;
  patientId: string;
  mrn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: CalendarDate;
  origin: 'staff' | 'auto';
  /** The Issuer ID (staff username); null for auto-issued keys. */
  issuer: string | null;
  issuedAt: Timestamp;
  expiresAt: Timestamp;
  lastUsedAt: Timestamp | null;
  misses: number;
  disabledAt: Timestamp | null;
  disabledReason: 'staff' | 'portal-disabled' | null;
  studies: IssuedKeyStudyLine[];
}

const timestamp = z.iso.datetime();
const ids = z.array(z.uuid()).min(1).max(500);

export interface KeyChangeResult {
  changed: number;
  unchanged: number;
  keys: IssuedKeyView[];
}

export const keyMethods = {
  'keys.search': query({
    input: z
      .object({
        /** Patient information: name, MRN or date of birth. */
        text: z.string().trim().max(100).default(''),
        /** Issuer ID: the username of the staff member who issued. */
        issuer: z.string().trim().toLowerCase().max(64).default(''),
        from: timestamp.optional(),
        to: timestamp.optional(),
        /** An access code a patient read out: finds its key by hash. */
        code: z.string().max(40).default(''),
        view: z.enum(['all', 'expiringSoon']).default('all'),
        expiringWithinDays: z.number().int().min(1).max(90).default(7),
        /** A screen's page: more means "narrow the search"; the expiring-soon view asks for more, to extend in bulk. */
        limit: z.number().int().min(1).max(1_000).default(100),
      })
      .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'errors.rangeReversed', path: ['to'] }),
    output: out<{ rows: IssuedKeyView[]; more: boolean }>(),
    access: 'portal.media',
  }),
  'keys.disable': command({ input: z.object({ ids }), output: out<KeyChangeResult>(), access: 'portal.media' }),
  'keys.enable': command({ input: z.object({ ids }), output: out<KeyChangeResult>(), access: 'portal.media' }),
  /** Unlock keys the hub locked after 5 wrong dates of birth (issue 3); the hub decides, first unlock wins. */
  'keys.unlock': command({ input: z.object({ ids }), output: out<KeyChangeResult>(), access: 'portal.media' }),
  'keys.extend': command({
    input: z.object({ ids, expiresAt: timestamp }),
    output: out<KeyChangeResult>(),
    access: 'portal.media',
  }),
};
