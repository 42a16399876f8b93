import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssuedKeyView } from '../../../common/api/keys';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatDateTime } from '../../format';

const col = createColumnHelper<IssuedKeyView>();

interface Props {
  rows: IssuedKeyView[];
  selection: Set<string>;
  onSelection(ids: Set<string>): void;
  onActive(row: IssuedKeyView | undefined): void;
}

/** The Issued keys grid: Space selects for bulk actions, type to filter the rows shown. */
export function KeysTable({ rows, selection, onSelection, onActive }: Props) {
  const { t } = useTranslation();
  const columns = useMemo(
    () => [
      col.accessor(
        (k) => {
          const status = t(`keys.status.${k.status}`);
          if (k.status === 'locked') return `${status} (${t('keys.lockedAfter', { misses: k.misses })})`;
          if (k.status !== 'disabled' || !k.disabledReason) return status;
          return `${status} (${t(`keys.disabledReason.${k.disabledReason === 'portal-disabled' ? 'portalDisabled' : 'staff'}`)})`;
        },
        {
          id: 'status',
          header: t('keys.columns.status'),
          cell: (c) => <span className={`status status-${c.row.original.status}`}>{c.getValue()}</span>,
          meta: { width: '10rem' },
        },
      ),
      col.accessor((k) => `${k.familyName}, ${k.givenName}`, { id: 'patient', header: t('keys.columns.patient'), meta: { width: '1.4fr' } }),
      col.accessor('mrn', { header: t('keys.columns.mrn'), meta: { width: '7rem' } }),
      col.accessor('issuedAt', { header: t('keys.columns.issued'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '10rem' } }),
      col.accessor('expiresAt', { header: t('keys.columns.expires'), cell: (c) => formatDate(c.getValue()), meta: { width: '7rem' } }),
      col.accessor('lastUsedAt', { header: t('keys.columns.lastUsed'), cell: (c) => (c.getValue() ? formatDateTime(c.getValue()) : t('keys.never')), meta: { width: '10rem' } }),
      col.accessor((k) => k.issuer ?? t('keys.autoIssuer'), { id: 'issuer', header: t('keys.columns.issuer'), meta: { width: '7rem' } }),
      col.accessor((k) => k.studies.map((s) => `${s.accessionNumber} ${s.modality} ${s.description}`).join('; '), {
        id: 'studies',
        header: t('keys.columns.studies'),
        cell: (c) => `${c.row.original.studies.length}: ${c.getValue()}`,
        meta: { width: '2fr' },
      }),
    ],
    [t],
  );
  return (
    <DataTable
      data={rows}
      columns={columns}
      getRowId={(k) => k.id}
      label={t('keys.tableLabel')}
      selectable
      selection={selection}
      onSelectionChange={onSelection}
      onActiveChange={onActive}
      emptyText={t('keys.none')}
    />
  );
}
