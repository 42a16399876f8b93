/** The fixed error codes of ARCHITECTURE.md; errors cross every process boundary as data. */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'portal_disabled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** English, for logs and developers; screens show `key` translated. */
  message: string;
  /** The input field the error belongs to, so the screen can show it there. */
  field?: string;
  /** i18n key of the message (`errors.tooLong`); the renderer falls back to `errors.<code>`. */
  key?: string;
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Thrown inside services; the dispatcher turns it into `{ ok: false, error }`. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly key?: string;
  readonly params?: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { field?: string; key?: string; params?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.key !== undefined) this.key = extra.key;
    if (extra.params !== undefined) this.params = extra.params;
  }

  toApiError(): ApiError {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.field !== undefined) e.field = this.field;
    if (this.key !== undefined) e.key = this.key;
    if (this.params !== undefined) e.params = this.params;
    return e;
  }
}

export function fieldError(
  field: string,
  key: string,
  message: string,
  params?: Record<string, string | number>,
): DomainError {
  return new DomainError('invalid_input', message, { field, key, ...(params ? { params } : {}) });
}
