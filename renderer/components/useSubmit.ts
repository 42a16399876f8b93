import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Result } from '../../common/result';
import { errorText } from '../i18n';

/**
 * Runs an API call for a form: while busy the form is disabled; a failure lands at its field
 * (or at the form when it belongs to no field), localized. The error is kept as data and
 * translated at render, so switching the language also switches a message already shown.
 */
export function useSubmit() {
  const { t } = useTranslation();
  const [raw, setRaw] = useState<Record<string, string | ApiError>>({});
  const [busy, setBusy] = useState(false);
  const errors = useMemo(
    () => Object.fromEntries(Object.entries(raw).map(([k, e]) => [k, typeof e === 'string' ? e : errorText(t, e)])) as Record<string, string>,
    [raw, t],
  );

  async function submit<T>(run: () => Promise<Result<T>>, onOk?: (value: T) => void): Promise<T | undefined> {
    setBusy(true);
    try {
      const r = await run();
      if (r.ok) {
        setRaw({});
        onOk?.(r.value);
        return r.value;
      }
      setRaw({ [r.error.field ?? '_form']: r.error });
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  // clear and setErrors keep their identity across renders: forms list them as effect
  // dependencies, and a new function each render reset a form on every keystroke.
  const tRef = useRef(t);
  tRef.current = t;
  const clear = useCallback(
    (field: string) =>
      setRaw((e) => {
        if (!(field in e) && !('_form' in e)) return e;
        const { [field]: _drop, _form: _f, ...rest } = e;
        return rest;
      }),
    [],
  );

  /** Puts already-localized messages at fields (checks made in the screen itself); accepts an updater. */
  const setErrors = useCallback(
    (next: Record<string, string> | ((prev: Record<string, string>) => Record<string, string>)) =>
      setRaw((prev) => {
        if (typeof next !== 'function') return next;
        const shown = Object.fromEntries(Object.entries(prev).map(([k, e]) => [k, typeof e === 'string' ? e : errorText(tRef.current, e)]));
        return next(shown);
      }),
    [],
  );

  return { errors, setErrors, busy, submit, clear };
}
