import { z } from 'zod';
import type { PatientDetail } from './patients';
import { command, out } from './define';

const EMAIL = z.email();
const digits = (v: string) => v.replace(/\D/g, '').length;

/** Each field may be left empty (nothing on file); the screen validates with this same schema. */
export const contactInput = z.object({
  id: z.uuid(),
  email: z.string().trim().max(254).refine((v) => v === '' || EMAIL.safeParse(v).success, 'errors.email'),
  mobile: z.string().trim().max(24).refine((v) => v === '' || (/^\+?[0-9][0-9 ]*$/.test(v) && digits(v) >= 8 && digits(v) <= 15), 'errors.mobile'),
  postalCode: z.string().trim().refine((v) => v === '' || /^\d{4}$/.test(v), 'errors.postalCode'),
  addressLine: z.string().trim().max(200),
  city: z.string().trim().max(100),
});

export const contactMethods = {
  /** Front desk corrects how to reach a patient; the clinic owns demographics, so the row syncs whole. */
  'patients.updateContact': command({ input: contactInput, output: out<PatientDetail>(), access: 'portal.frontDesk' }),
};
