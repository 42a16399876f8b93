import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../common/result';
import { errorText } from '../i18n';

/**
 * Runs an API call for a form: while busy the form is disabled; a failure lands at its field
 * (or at the form when it belongs to no field), localized.
 */
export function useSubmit() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit<T>(run: () => Promise<Result<T>>, onOk?: (value: T) => void): Promise<T | undefined> {
    setBusy(true);
    try {
      const r = await run();
      if (r.ok) {
        setErrors({});
        onOk?.(r.value);
        return r.value;
      }
      setErrors({ [r.error.field ?? '_form']: errorText(t, r.error) });
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const clear = (field: string) =>
    setErrors((e) => {
      if (!(field in e) && !('_form' in e)) return e;
      const { [field]: _drop, _form: _f, ...rest } = e;
      return rest;
    });

  return { errors, setErrors, busy, submit, clear };
}
