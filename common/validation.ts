import type { z } from 'zod';
import type { ApiError } from './result';

type Issue = z.core.$ZodIssue;

/** Maps the first zod issue to an ApiError with a field and an i18n key the screen can show. */
export function issueToApiError(issue: Issue): ApiError {
  const field = issue.path.map(String).join('.') || undefined;
  const base = { code: 'invalid_input' as const, message: `${field ?? 'input'}: ${issue.message}` };
  const withField = field ? { ...base, field } : base;
  // an i18n key as the message: 'errors.x', or a domain's own 'portal.errors.x'
  if (/^([a-z]+\.)?errors\.[A-Za-z]+$/.test(issue.message)) return { ...withField, key: issue.message };
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min <= 1) return { ...withField, key: 'errors.required' };
      if (issue.origin === 'string') return { ...withField, key: 'errors.tooShort', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { ...withField, key: 'errors.tooFew', params: { min } };
      return { ...withField, key: 'errors.tooSmall', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { ...withField, key: 'errors.tooLong', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { ...withField, key: 'errors.tooMany', params: { max } };
      return { ...withField, key: 'errors.tooLarge', params: { max } };
    }
    case 'invalid_format':
      return { ...withField, key: issue.format === 'email' ? 'errors.email' : 'errors.format' };
    case 'invalid_type':
      return { ...withField, key: issue.input === undefined ? 'errors.required' : 'errors.invalid' };
    default:
      return { ...withField, key: 'errors.invalid' };
  }
}

export function zodToApiError(error: z.ZodError): ApiError {
  const first = error.issues[0];
  if (!first) return { code: 'invalid_input', message: 'invalid input', key: 'errors.invalid' };
  return issueToApiError(first);
}

/** Every issue keyed by field, for forms that show all their errors at once. */
export function zodFieldErrors(error: z.ZodError): Record<string, ApiError> {
  const out: Record<string, ApiError> = {};
  for (const issue of error.issues) {
    const e = issueToApiError(issue);
    const key = e.field ?? '';
    if (!(key in out)) out[key] = e;
  }
  return out;
}
