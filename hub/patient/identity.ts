import type { FastifyRequest } from 'fastify';
import type { Language } from '../../common/i18n/types';
import { EMAIL_ADDRESS, MOBILE_NUMBER } from '../../common/notifications';
import { isCalendarDate } from '../../common/time';
import { text, type FieldErrors } from './forms';
import { fill } from './http';

/** Who a patient says they are, as the registration and "forgot your password" forms take it. */
export interface Identity {
  email: string;
  givenName: string;
  familyName: string;
  /** `YYYY-MM-DD` when it could be read as a date, else as typed. */
  dateOfBirth: string;
  postalCode: string;
  mobile: string;
  language: Language;
}

type FieldName = 'email' | 'given_name' | 'family_name' | 'date_of_birth' | 'postal_code' | 'mobile';
export const NAME_MAX = 100;

/** 30-04-1980, 30.04.1980 and 30/04/1980 are dates too (as Danes write them). */
export function normalizeDate(value: string): string {
  const v = value.trim();
  const dmy = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(v);
  return dmy ? `${dmy[3]}-${dmy[2]?.padStart(2, '0')}-${dmy[1]?.padStart(2, '0')}` : v;
}

export function readIdentity(body: unknown, fallbackLanguage: Language = 'da'): Identity {
  const lang = text(body, 'language');
  return {
    email: text(body, 'email'),
    givenName: text(body, 'given_name'),
    familyName: text(body, 'family_name'),
    dateOfBirth: normalizeDate(text(body, 'date_of_birth')),
    postalCode: text(body, 'postal_code'),
    mobile: text(body, 'mobile'),
    language: lang === 'en' || lang === 'da' ? lang : fallbackLanguage,
  };
}

/** Messages for the named fields, in the page's language; `today` (the hub's clock, YYYY-MM-DD) bounds a date of birth. */
export function identityErrors(req: FastifyRequest, v: Identity, fields: readonly FieldName[], today: string): FieldErrors {
  const e = req.patient.t.errors;
  const errors: FieldErrors = {};
  const name = (field: FieldName, value: string) => {
    if (!value) errors[field] = e.required;
    else if ([...value].length > NAME_MAX) errors[field] = fill(e.tooLong, { max: NAME_MAX });
  };
  for (const f of fields) {
    switch (f) {
      case 'email':
        if (!v.email) errors.email = e.required;
        else if (!EMAIL_ADDRESS.safeParse(v.email).success) errors.email = e.email;
        break;
      case 'given_name': name(f, v.givenName); break;
      case 'family_name': name(f, v.familyName); break;
      case 'date_of_birth':
        if (!v.dateOfBirth) errors[f] = e.required;
        else if (!isCalendarDate(v.dateOfBirth) || v.dateOfBirth > today || v.dateOfBirth < '1900-01-01') errors[f] = e.dateOfBirth;
        break;
      case 'postal_code':
        if (!v.postalCode) errors[f] = e.required;
        else if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/.test(v.postalCode)) errors[f] = e.postalCode;
        break;
      case 'mobile':
        if (v.mobile && !MOBILE_NUMBER.safeParse(v.mobile).success) errors[f] = e.mobile;
        break;
    }
  }
  return errors;
}
