import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';

export type TempMode = 'none' | 'generate' | 'typed';

/** Seed 004 "Manually set the patient's portal password", as a temporary one the patient must change. */
export function TempPasswordFields(props: {
  mode: TempMode;
  onMode(mode: TempMode): void;
  password: string;
  onPassword(value: string): void;
  days: number;
  error?: string | undefined;
  allowNone: boolean;
  legend: string;
}) {
  const { t } = useTranslation();
  const modes: TempMode[] = props.allowNone ? ['none', 'generate', 'typed'] : ['generate', 'typed'];
  const label: Record<TempMode, string> = { none: t('portal.form.tempNone'), generate: t('portal.form.tempGenerate'), typed: t('portal.form.tempTyped') };
  return (
    <fieldset className="fieldset">
      <legend>{props.legend}</legend>
      {modes.map((m) => (
        <label key={m} className="check">
          <input type="radio" name="temp-mode" checked={props.mode === m} onChange={() => props.onMode(m)} />
          {label[m]}
        </label>
      ))}
      {props.mode === 'typed' ? (
        <Field label={t('portal.form.tempPassword')} value={props.password} autoComplete="off" spellCheck={false} autoFocus
          hint={t('portal.form.tempHint', { days: props.days })} error={props.error} onChange={(e) => props.onPassword(e.target.value)} />
      ) : props.error ? (
        <div className="field-error" role="alert">{props.error}</div>
      ) : props.mode === 'generate' ? (
        <div className="field-hint">{t('portal.form.tempHint', { days: props.days })}</div>
      ) : null}
    </fieldset>
  );
}
