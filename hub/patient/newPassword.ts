import { isCommonPassword } from '../../common/rules/commonPasswords';
import { checkPassword, PASSWORD_MAX, PASSWORD_MIN } from '../../common/rules/password';
import type { FastifyRequest } from 'fastify';
import { html, type Html } from './html';
import { fill } from './http';
import { input, type FieldErrors } from './forms';

/** The patient password policy (common/rules/password.ts), with the messages at the fields. */
export function newPasswordErrors(req: FastifyRequest, password: string, repeat: string, username: string | null): FieldErrors {
  const t = req.patient.t.password;
  const problem = checkPassword(password, { isCommon: isCommonPassword, ...(username ? { username } : {}) });
  const errors: FieldErrors = {};
  if (problem) {
    errors.password =
      problem.key === 'errors.passwordTooShort' ? fill(t.tooShort, { min: PASSWORD_MIN })
        : problem.key === 'errors.passwordTooLong' ? fill(t.tooLong, { max: PASSWORD_MAX })
          : problem.key === 'errors.passwordContainsUsername' ? t.containsUsername
            : t.common;
  } else if (password !== repeat) {
    errors.repeat = t.mismatch;
  }
  return errors;
}

/** The two fields of a new password, with the rules as the hint. */
export function newPasswordFields(req: FastifyRequest, errors: FieldErrors): Html {
  const t = req.patient.t.password;
  return html`${input({ name: 'password', type: 'password', label: t.new, hint: fill(t.rules, { min: PASSWORD_MIN }), error: errors.password, autocomplete: 'new-password', required: true, maxlength: PASSWORD_MAX * 4 })}
${input({ name: 'repeat', type: 'password', label: t.repeat, error: errors.repeat, autocomplete: 'new-password', required: true })}`;
}
