import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalPatientRow, ResultRequestSummary } from '../../../common/api/issuing';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { formatDate, formatDateTime } from '../../format';
import { errorText } from '../../i18n';
import { IssuerDialog } from './IssuerDialog';

const col = createColumnHelper<PortalPatientRow>();
const reqCol = createColumnHelper<ResultRequestSummary>();

/** Seed 000 "Portal Patient" window: pick a portal patient, then Issuer. */
export default function PortalPatientsScreen() {
  const { t } = useTranslation();
  const [view, setView] = useState<'all' | 'open'>('all');
  const [rows, setRows] = useState<PortalPatientRow[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState<PortalPatientRow | undefined>();
  const [issuing, setIssuing] = useState<PortalPatientRow | null>(null);

  const load = useCallback(() => {
    void call('issuing.patients', { view }).then((r) => {
      if (r.ok) {
        setRows(r.value.rows);
        setMore(r.value.more);
        setError(null);
      } else setError(errorText(t, r.error));
    });
  }, [view, t]);
  useEffect(load, [load]);

  const canIssue = !!active && !active.notIssuable;
  useCommands([
    { id: 'portalPatients.issuer', label: t('issuing.commands.issuer'), shortcut: 'Alt+I', permission: 'portal.media', disabled: !canIssue, run: () => active && setIssuing(active) },
    { id: 'portalPatients.refresh', label: t('issuing.commands.refresh'), shortcut: 'Alt+R', permission: 'portal.media', run: load },
    {
      id: 'portalPatients.toggleView',
      label: view === 'all' ? t('issuing.commands.showOpen') : t('issuing.commands.showAll'),
      shortcut: 'Alt+O',
      permission: 'portal.media',
      run: () => setView(view === 'all' ? 'open' : 'all'),
    },
  ]);

  const columns = useMemo(
    () => [
      col.accessor((p) => (p.familyName || p.givenName ? `${p.familyName ?? ''}, ${p.givenName ?? ''}` : t('issuing.unknownName')), {
        id: 'name', header: t('issuing.columns.name'), meta: { width: '2fr' },
      }),
      col.accessor('dateOfBirth', { header: t('issuing.columns.dateOfBirth'), cell: (c) => formatDate(c.getValue()), meta: { width: '8rem' } }),
      col.accessor((p) => p.mrn ?? t('issuing.notMatched'), { id: 'mrn', header: t('issuing.columns.mrn'), meta: { width: '8rem' } }),
      col.accessor((p) => (p.accountId ? t('issuing.hasAccount') : t('issuing.noAccount')), { id: 'account', header: t('issuing.columns.account'), meta: { width: '7rem' } }),
      col.accessor((p) => (p.openRequests ? t('issuing.openRequests', { count: p.openRequests }) : t('issuing.noOpenRequests')), {
        id: 'requests', header: t('issuing.columns.requests'), meta: { width: '7rem' },
      }),
      col.accessor('latestRequestAt', { header: t('issuing.columns.latest'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '11rem' } }),
      col.accessor('keys', { header: t('issuing.columns.keys'), meta: { width: '5rem' } }),
    ],
    [t],
  );
  const requestColumns = useMemo(
    () => [
      reqCol.accessor('createdAt', { header: t('issuing.requestColumns.createdAt'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '11rem' } }),
      reqCol.accessor('status', { header: t('issuing.requestColumns.status'), cell: (c) => t(`issuing.requestStatus.${c.getValue()}`), meta: { width: '7rem' } }),
      reqCol.accessor((r) => (r.handledAt ? t('issuing.handledBy', { who: r.handledBy ?? '', when: formatDateTime(r.handledAt) }) : ''), {
        id: 'handled', header: t('issuing.requestColumns.handled'), meta: { width: '14rem' },
      }),
      reqCol.accessor('message', { header: t('issuing.requestColumns.message'), meta: { width: '2fr' } }),
    ],
    [t],
  );

  return (
    <div className="screen">
      <h1>{t('issuing.title')}</h1>
      <p className="muted">{t('issuing.intro')}</p>
      <div className="toolbar">
        <CommandButton command="portalPatients.issuer" variant="primary" />
        <CommandButton command="portalPatients.toggleView" />
        <CommandButton command="portalPatients.refresh" />
        <span className="muted" role="status">{view === 'open' ? t('issuing.view.open') : t('issuing.view.all')}</span>
      </div>
      <FormError message={error ?? undefined} />
      {more ? <p className="muted" role="status">{t('issuing.more', { count: rows.length })}</p> : null}
      <DataTable
        data={rows}
        columns={columns}
        getRowId={(p) => p.id}
        label={t('issuing.tableLabel')}
        emptyText={t('issuing.empty')}
        onActiveChange={setActive}
        onOpen={(p) => !p.notIssuable && setIssuing(p)}
        autoFocus
        height={Math.min(12, Math.max(rows.length, 3)) * 32 + 36}
      />
      {active ? (
        <section aria-labelledby="portal-requests-title" className="detail-pane">
          <h2 id="portal-requests-title">
            {t('issuing.requestsTitle')}: {active.familyName ?? ''}, {active.givenName ?? ''}
          </h2>
          {active.notIssuable ? (
            <div className="notice notice-warn" role="note" data-testid="not-issuable">
              {t(`issuing.notIssuable.${active.notIssuable}`)}
            </div>
          ) : null}
          {active.requests.length ? (
            <DataTable
              data={active.requests}
              columns={requestColumns}
              getRowId={(r) => r.id}
              label={t('issuing.requestsTable')}
              filterable={false}
              height={Math.min(5, active.requests.length) * 32 + 36}
            />
          ) : (
            <p className="muted">{t('issuing.noRequests')}</p>
          )}
        </section>
      ) : null}
      {issuing ? (
        <IssuerDialog
          portalPatient={issuing}
          onClose={(issued) => {
            setIssuing(null);
            if (issued) load();
          }}
        />
      ) : null}
    </div>
  );
}
