import { useTranslation } from 'react-i18next';
import type { ConflictRow } from '../../../common/api/sync';
import { formatDateTime } from '../../format';
import { changeWhat } from '../sync/words';
import { compareSides, recordName, recordOf } from './compare';

/** Column titles of each side: what "ours" and "theirs" mean depends on what happened. */
function sideTitles(t: ReturnType<typeof useTranslation>['t'], c: ConflictRow) {
  const kind = c.kind === 'overwritten' ? 'overwritten' : 'refused';
  const origin = c.fromHere ? t('conflicts.origin.here') : t('conflicts.origin.elsewhere');
  return { ours: `${t(`conflicts.sides.${kind}.ours`)} (${origin})`, theirs: t(`conflicts.sides.${kind}.theirs`) };
}

/** One conflict: what happened in plain words, who and when, and both sides field by field. */
export function ConflictDetail({ conflict: c }: { conflict: ConflictRow }) {
  const { t } = useTranslation();
  const ours = recordOf(c.ours, c.entity, c.entityId);
  const theirs = recordOf(c.theirs, c.entity, c.entityId);
  const lines = compareSides(ours, theirs);
  const titles = sideTitles(t, c);
  const name = recordName(c.entity, ours) ?? recordName(c.entity, theirs);
  const differing = lines.filter((l) => l.differs).length;
  return (
    <section className="conflict-detail" aria-labelledby="conflict-detail-title">
      <h2 id="conflict-detail-title">
        {t(`conflicts.kind.${c.kind}`)}: {changeWhat(t, c.mutationName, c.entity)}
      </h2>
      {name ? <p><strong>{name}</strong></p> : null}
      <p>{t(`conflicts.kindHelp.${c.kind}`)}</p>
      <p>
        {c.fromHere ? t('conflicts.madeHere', { when: formatDateTime(c.createdAt) }) : t('conflicts.madeElsewhere', { when: formatDateTime(c.createdAt) })}
        {c.handledBy || c.handledAt ? (
          <>
            {' '}
            {t(c.kind === 'overwritten' ? 'conflicts.replacedBy' : 'conflicts.handledBy', {
              who: c.handledBy ?? t('conflicts.someone'),
              when: formatDateTime(c.handledAt),
            })}
          </>
        ) : null}
      </p>
      {c.acknowledgedAt ? (
        <p className="muted">{t('conflicts.acknowledgedBy', { who: c.acknowledgedBy ?? t('conflicts.someone'), when: formatDateTime(c.acknowledgedAt) })}</p>
      ) : null}
      <p className="muted">
        {t('conflicts.hubSaid')} <q lang="en">{c.message}</q>
      </p>
      {lines.length ? (
        <table className="compare">
          <caption className="sr-only">{t('conflicts.compare.caption', { count: differing })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('conflicts.compare.field')}</th>
              <th scope="col">{titles.ours}</th>
              <th scope="col">{titles.theirs}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.field} className={l.differs ? 'is-different' : undefined}>
                <th scope="row">
                  {l.differs ? (
                    <>
                      <span className="differs-mark" aria-hidden="true">≠ </span>
                      <span className="sr-only">{t('conflicts.compare.differs')}: </span>
                    </>
                  ) : null}
                  {t(`conflicts.fields.${l.field}`, { defaultValue: l.field.replace(/_/g, ' ') })}
                </th>
                <td>{l.ours ?? <span className="empty-value">{t('conflicts.compare.empty')}</span>}</td>
                <td>{l.theirs ?? <span className="empty-value">{t('conflicts.compare.empty')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('conflicts.compare.nothing')}</p>
      )}
    </section>
  );
}
