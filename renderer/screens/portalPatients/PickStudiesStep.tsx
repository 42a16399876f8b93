import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuableStudy, IssuingPreparation } from '../../../common/api/issuing';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatDateTime } from '../../format';

const col = createColumnHelper<IssuableStudy>();

interface Props {
  prep: IssuingPreparation;
  selection: Set<string>;
  onSelection(ids: Set<string>): void;
  onIssue(): void;
  onBack(): void;
  busy: boolean;
  error: string | undefined;
}

/**
 * Confirm & Pick studies: every study of the RIS patient. Studies without a final report are
 * listed (staff see the whole picture) but cannot be selected: they could never be visible to
 * the patient, so issuing them would promise something the portal will not show.
 */
export function PickStudiesStep({ prep, selection, onSelection, onIssue, onBack, busy, error }: Props) {
  const { t } = useTranslation();
  const pickable = useMemo(() => new Set(prep.studies.filter((s) => s.pickable).map((s) => s.id)), [prep.studies]);
  const now = new Date().toISOString();
  useCommands([
    { id: 'issuer.issue', label: t('issuing.pick.issue'), shortcut: 'Alt+I', permission: 'portal.media', disabled: busy || selection.size === 0, run: onIssue },
    { id: 'issuer.back', label: t('issuing.pick.back'), shortcut: 'Alt+B', run: onBack },
  ]);
  const columns = useMemo(
    () => [
      col.accessor('studyDate', { header: t('issuing.pick.columns.date'), cell: (c) => formatDate(c.getValue()), meta: { width: '7rem' } }),
      col.accessor('accessionNumber', { header: t('issuing.pick.columns.accession'), meta: { width: '7rem' } }),
      col.accessor('modality', { header: t('issuing.pick.columns.modality'), meta: { width: '5rem' } }),
      col.accessor('description', { header: t('issuing.pick.columns.description'), meta: { width: '1.6fr' } }),
      col.accessor('reportStatus', { header: t('issuing.pick.columns.report'), cell: (c) => t(`patients.studies.report.${c.getValue()}`), meta: { width: '7rem' } }),
      col.accessor(
        (s) => {
          if (!s.pickable) return t('issuing.pick.visibleNo');
          const at = s.reportReadyAt && s.reportReadyAt > now ? t('issuing.pick.visibleAt', { when: formatDateTime(s.reportReadyAt) }) : t('issuing.pick.visibleNow');
          const extra = [s.imagesReadyAt ? null : t('issuing.pick.imagesPending'), s.issuedIn ? t('issuing.pick.issuedIn', { count: s.issuedIn }) : null].filter(Boolean);
          return extra.length ? `${at} (${extra.join('; ')})` : at;
        },
        { id: 'visible', header: t('issuing.pick.columns.visible'), meta: { width: '2fr' } },
      ),
    ],
    [t, now],
  );
  const name = `${prep.ris?.givenName ?? ''} ${prep.ris?.familyName ?? ''}`.trim();
  return (
    <>
      <p className="dialog-description">{t('issuing.pick.intro', { name })}</p>
      <DataTable
        data={prep.studies}
        columns={columns}
        getRowId={(s) => s.id}
        label={t('issuing.pick.tableLabel')}
        selectable
        canSelect={(s) => s.pickable}
        selection={selection}
        onSelectionChange={(ids) => onSelection(new Set([...ids].filter((id) => pickable.has(id))))}
        autoFocus
        className="pick-studies"
        height={Math.min(8, Math.max(prep.studies.length, 2)) * 32 + 36}
      />
      {pickable.size === 0 ? <div className="notice notice-warn" role="note">{t('issuing.pick.noneFinal')}</div> : null}
      <p role="status" className="muted">
        {selection.size ? t('issuing.pick.selected', { count: selection.size }) : t('issuing.pick.noneSelected')}
      </p>
      {error ? <div className="field-error" role="alert">{error}</div> : null}
      <p className="muted">
        {t('issuing.pick.expires', { date: formatDate(prep.expiresAt), days: prep.expiryDays })}{' '}
        {prep.notify ? t('issuing.pick.notify') : t('issuing.pick.noNotify')}
      </p>
      <div className="dialog-footer">
        <CommandButton command="issuer.issue" variant="primary" />
        <CommandButton command="issuer.back" />
      </div>
    </>
  );
}
