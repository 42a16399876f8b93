import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequestRow } from '../../../common/api/loginRequests';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatDateTime } from '../../format';
import { requestedText, rightsText, STATE_GLYPH } from './words';

const col = createColumnHelper<LoginRequestRow>();

/** The list of requests, newest first as the server sends them; Enter opens one. */
export function RequestsTable({ rows, filtered, onOpen, onActive }: {
  rows: LoginRequestRow[];
  filtered: boolean;
  onOpen(row: LoginRequestRow): void;
  onActive(row: LoginRequestRow | undefined): void;
}) {
  const { t } = useTranslation();
  const columns = useMemo(
    () => [
      col.accessor('createdAt', { header: t('loginRequests.columns.received'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '11.5rem' } }),
      col.accessor((r) => `${r.familyName}, ${r.givenName} (${formatDate(r.dateOfBirth)})`, {
        id: 'patient', header: t('loginRequests.columns.patient'), meta: { width: '1.7fr' },
      }),
      col.accessor('email', { header: t('loginRequests.columns.email'), meta: { width: '1.4fr' } }),
      col.accessor((r) => requestedText(t, r), { id: 'rights', header: t('loginRequests.columns.rights'), meta: { width: '1.3fr' } }),
      col.accessor((r) => t(`loginRequests.verification.${r.verification}`), {
        id: 'verification', header: t('loginRequests.columns.verification'), meta: { width: '10.5rem' },
        cell: (c) => <span data-verification={c.row.original.verification}>{c.getValue()}</span>,
      }),
      col.accessor((r) => t(`loginRequests.state.${r.state}`), {
        id: 'state', header: t('loginRequests.columns.state'), meta: { width: '10.5rem' },
        cell: (c) => (
          <span className={`request-state request-state-${c.row.original.state}`} data-state={c.row.original.state}>
            <span aria-hidden="true">{STATE_GLYPH[c.row.original.state]} </span>
            {c.getValue()}
          </span>
        ),
      }),
      col.accessor((r) => (r.returningPatient ? t('loginRequests.returning', { rights: rightsText(t, r.previousRights) }) : ''), {
        id: 'returning', header: t('loginRequests.columns.returning'), meta: { width: '1fr' },
      }),
      col.accessor('clinicName', { header: t('loginRequests.columns.clinic'), meta: { width: '0.9fr' } }),
    ],
    [t],
  );
  return (
    <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t('loginRequests.tableLabel')} onOpen={onOpen} onActiveChange={onActive}
      emptyText={filtered ? t('loginRequests.emptyFiltered') : t('loginRequests.empty')} />
  );
}
