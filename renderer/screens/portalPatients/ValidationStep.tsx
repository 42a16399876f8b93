import { useTranslation } from 'react-i18next';
import { IDENTITY_FIELDS, type IdentityField, type IdentitySide, type IssuingPreparation } from '../../../common/api/issuing';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { formatDate } from '../../format';

function value(side: IdentitySide | null, field: IdentityField, t: (k: string) => string): string | null {
  if (!side) return null;
  switch (field) {
    case 'name':
      return side.givenName || side.familyName ? `${side.givenName ?? ''} ${side.familyName ?? ''}`.trim() : null;
    case 'dateOfBirth':
      return side.dateOfBirth ? formatDate(side.dateOfBirth) : null;
    case 'sex':
      return side.sex ? t(`patients.sex.${side.sex}`) : null;
    default:
      return side[field];
  }
}

/** Patient validation: the portal patient beside the RIS patient, differences highlighted; staff confirm. */
export function ValidationStep({ prep, onConfirm, onCancel }: { prep: IssuingPreparation; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const blocked = prep.notIssuable;
  useCommands([
    { id: 'issuer.confirm', label: t('issuing.validation.confirm'), shortcut: 'Alt+C', permission: 'portal.media', disabled: !!blocked, run: onConfirm },
    { id: 'issuer.cancel', label: t('common.cancel'), run: onCancel },
  ]);
  const notGiven = t('issuing.validation.notGiven');
  return (
    <>
      <p className="dialog-description">{t('issuing.validation.intro')}</p>
      <table className="compare" aria-label={t('issuing.validation.title')}>
        <thead>
          <tr>
            <th scope="col">{t('issuing.validation.field')}</th>
            <th scope="col">{t('issuing.validation.portal')}</th>
            <th scope="col">{t('issuing.validation.ris')}</th>
          </tr>
        </thead>
        <tbody>
          {IDENTITY_FIELDS.map((field) => {
            const differs = prep.differences.includes(field);
            const portal = value(prep.portal, field, t);
            const ris = value(prep.ris, field, t);
            return (
              <tr key={field} className={differs ? 'is-different' : undefined} data-field={field}>
                <th scope="row">
                  {t(`issuing.validation.fields.${field}`)}
                  {differs ? <span className="badge badge-warn">≠ {t('issuing.validation.differs')}</span> : null}
                </th>
                <td className={portal ? undefined : 'muted'}>{portal ?? notGiven}</td>
                <td className={ris ? undefined : 'muted'}>{ris ?? (prep.ris ? t('common.notOnFile') : '—')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{prep.portal.source === 'request' ? t('issuing.validation.sourceRequest') : t('issuing.validation.sourceAccount')}</p>
      {blocked ? (
        <div className="notice notice-warn" role="alert">{t(`issuing.notIssuable.${blocked}`)}</div>
      ) : (
        <p role="status" className={prep.differences.length ? 'notice notice-warn' : 'muted'}>
          {prep.differences.length ? t('issuing.validation.differences', { count: prep.differences.length }) : t('issuing.validation.noDifferences')}
        </p>
      )}
      <div className="dialog-footer">
        <CommandButton command="issuer.confirm" variant="primary" />
        <CommandButton command="issuer.cancel" />
      </div>
    </>
  );
}
