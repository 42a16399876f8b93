import { z } from 'zod';
import type { CalendarDate, Timestamp } from '../time';
import { out, query } from './define';

export type Sex = 'F' | 'M' | 'O' | 'U';

export interface PatientSummary {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate;
  sex: Sex;
}

export interface PatientDetail extends PatientSummary {
  email: string | null;
  mobile: string | null;
  postalCode: string | null;
  addressLine: string | null;
  city: string | null;
  updatedAt: Timestamp;
}

export interface StudySummary {
  id: string;
  accessionNumber: string;
  modality: string;
  description: string;
  studyDate: CalendarDate;
  validated: boolean;
  reportStatus: 'none' | 'draft' | 'preliminary' | 'final';
  reportFinalAt: Timestamp | null;
}

export const patientMethods = {
  'patients.search': query({
    input: z.object({ text: z.string().max(100), limit: z.number().int().min(1).max(200).default(50) }),
    output: out<{ rows: PatientSummary[]; more: boolean }>(),
    access: 'patient.read',
  }),
  'patients.get': query({
    input: z.object({ id: z.uuid() }),
    output: out<PatientDetail>(),
    access: 'patient.read',
  }),
  'patients.studies': query({
    input: z.object({ patientId: z.uuid() }),
    output: out<StudySummary[]>(),
    access: 'patient.read',
  }),
};
