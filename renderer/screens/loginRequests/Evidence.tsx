import { useTranslation } from 'react-i18next';
import type { FieldMatchView, LoginRequestCandidate, MatchMark } from '../../../common/api/loginRequests';
import { formatDate } from '../../format';

/** A shape for each mark: the colour repeats it, never carries it alone. */
const MARK_GLYPH: Record<MatchMark, string> = { match: '✓', mismatch: '✗', missing: '–' };

const shown = (f: FieldMatchView, v: string | null) => (v && f.field === 'dateOfBirth' ? formatDate(v) : v);

function Cell({ f }: { f: FieldMatchView }) {
  const { t } = useTranslation();
  const verdict = t(`loginRequests.detail.verdict.${f.verdict}`);
  const value = shown(f, f.chart);
  return (
    <td className={`mark mark-${f.match}`} data-mark={f.match}>
      <span className="mark-glyph" aria-hidden="true">{MARK_GLYPH[f.match]}</span>
      <span className="sr-only">{t(`loginRequests.detail.mark.${f.match}`)}: </span>
      {value ?? <span className="empty-value">{t('common.notOnFile')}</span>}
      {verdict && f.verdict !== 'notOnFile' ? <span className="verdict"> ({verdict})</span> : null}
    </td>
  );
}

/**
 * What the patient entered, field by field, beside the chart of each candidate (best first), every
 * cell marked as matching, differing or missing in a shape and a word as well as a colour.
 */
export function Evidence({ candidates, pickedId }: { candidates: LoginRequestCandidate[]; pickedId: string | null }) {
  const { t } = useTranslation();
  const first = candidates[0];
  if (!first) return null;
  return (
    <section aria-labelledby="request-evidence-title">
      <h2 id="request-evidence-title" className="dialog-subtitle">{t('loginRequests.detail.evidence')}</h2>
      <p className="muted mark-legend" aria-hidden="true">
        {(['match', 'mismatch', 'missing'] as const).map((m) => (
          <span key={m} className={`mark-${m}`}>{MARK_GLYPH[m]} {t(`loginRequests.detail.mark.${m}`)} </span>
        ))}
      </p>
      <div className="evidence-scroll">
        <table className="compare evidence">
          <caption className="sr-only">{t('loginRequests.detail.evidenceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('loginRequests.detail.field')}</th>
              <th scope="col">{t('loginRequests.detail.entered')}</th>
              {candidates.map((c) => (
                <th scope="col" key={c.patient.id} className={c.patient.id === pickedId ? 'is-picked' : undefined} aria-current={c.patient.id === pickedId ? 'true' : undefined}>
                  {c.patient.familyName}, {c.patient.givenName} ({c.patient.mrn})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first.fields.map((f, i) => (
              <tr key={f.field} data-field={f.field}>
                <th scope="row">{t(`loginRequests.detail.fields.${f.field}`)}</th>
                <td>{shown(f, f.entered) ?? <span className="empty-value">{t('loginRequests.detail.verdict.notGiven')}</span>}</td>
                {candidates.map((c) => {
                  const cf = c.fields.find((x) => x.field === f.field) ?? c.fields[i];
                  return cf ? <Cell key={c.patient.id} f={cf} /> : <td key={c.patient.id} />;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
