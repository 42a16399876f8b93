import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string | null | undefined;
  hint?: ReactNode;
  /** Green "valid and free" confirmation, as the seed's username field shows. */
  valid?: string | null | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input whose error is announced and shown right under it, where the eye is. */
export function Field({ label, error, hint, valid, inputRef, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, valid && !error ? `${id}-valid` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${valid && !error ? ' field-valid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={inputRef} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} {...input} />
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
      {valid && !error ? (
        <div id={`${id}-valid`} className="field-ok" role="status">
          {valid}
        </div>
      ) : null}
    </div>
  );
}
