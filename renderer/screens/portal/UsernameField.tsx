import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeUsername } from '../../../common/rules/username';
import { call } from '../../api';
import { Field } from '../../components/Field';

interface Check {
  username: string;
  problem: string | null;
  free: boolean;
}

/**
 * Seed 004: "text will turn green if it's valid and unique". Checked as you type (after a short
 * pause), against every portal user of the clinic; the suggestion is a free one made from the name.
 */
export function UsernameField(props: {
  value: string;
  onChange(value: string): void;
  patientId: string;
  suggestion: string;
  error?: string | undefined;
  hint?: string;
}) {
  const { t } = useTranslation();
  const { value, patientId } = props;
  const [check, setCheck] = useState<Check | null>(null);
  useEffect(() => {
    if (!value.trim()) return setCheck(null);
    let live = true;
    const timer = setTimeout(() => {
      void call('portal.checkUsername', { username: value, patientId }).then((r) => live && r.ok && setCheck(r.value));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, patientId]);
  const current = check && check.username === normalizeUsername(value) ? check : null;
  const liveError = current?.problem ? t(current.problem) : current && !current.free ? t('portal.errors.usernameTaken', { suggestion: props.suggestion }) : null;
  return (
    <div className="field-with-action">
      <Field
        label={t('portal.form.username')}
        value={value}
        autoComplete="off"
        spellCheck={false}
        hint={props.hint}
        error={props.error ?? liveError}
        valid={current?.free ? t('portal.form.usernameFree') : null}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.suggestion && normalizeUsername(value) !== props.suggestion ? (
        <button type="button" className="btn btn-ghost" onClick={() => props.onChange(props.suggestion)}>
          {t('portal.form.useSuggestion', { username: props.suggestion })}
        </button>
      ) : null}
    </div>
  );
}
