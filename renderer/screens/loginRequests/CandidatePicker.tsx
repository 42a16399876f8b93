import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequestCandidate } from '../../../common/api/loginRequests';
import { formatDate } from '../../format';
import { choiceKey, type PatientChoice } from './choice';

/** Which patient the account is for: one of the candidates (best first), or a new patient. Arrow keys move the choice. */
export function CandidatePicker({ candidates, value, onChange, error }: {
  candidates: LoginRequestCandidate[];
  value: PatientChoice;
  onChange(c: PatientChoice): void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const name = useId();
  const picked = choiceKey(value);
  // the focus lands on the picked choice, or on the first when nothing is picked yet
  const focusKey = picked || (candidates[0]?.patient.id ?? 'new');
  return (
    <fieldset className={`fieldset candidate-picker${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{t('loginRequests.detail.candidates')}</legend>
      {candidates.length === 0 ? <p className="muted">{t('loginRequests.detail.noCandidates')}</p> : null}
      {candidates.map((c) => (
        <label key={c.patient.id} className="check candidate">
          <input type="radio" name={name} checked={picked === c.patient.id} autoFocus={focusKey === c.patient.id}
            onChange={() => onChange({ id: c.patient.id })} />
          <span>
            {t('loginRequests.detail.candidateLabel', { name: `${c.patient.familyName}, ${c.patient.givenName}`, mrn: c.patient.mrn, date: formatDate(c.patient.dateOfBirth) })}
            <span className="candidate-tags">
              {' — '}
              {c.full ? <strong className="tag tag-full">✓ {t('loginRequests.detail.fullMatch')}</strong> : t('loginRequests.detail.score', { score: c.score })}
              {c.patient.hasAccount ? <span className="tag">; {t('loginRequests.detail.hasAccount')}</span> : null}
            </span>
          </span>
        </label>
      ))}
      <label className="check candidate">
        <input type="radio" name={name} checked={picked === 'new'} autoFocus={focusKey === 'new'} onChange={() => onChange({ createNew: true })} />
        <span>
          {t('loginRequests.detail.createNew')}
          <span className="field-hint"> {t('loginRequests.detail.createNewHint')}</span>
        </span>
      </label>
      {error ? <div id={`${name}-error`} className="field-error" role="alert">{error}</div> : null}
    </fieldset>
  );
}
