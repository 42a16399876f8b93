import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingChange } from '../../../common/api/sync';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { STATE_GLYPH, SYNC_HEADING_ID } from '../../app/SyncIndicator';
import { CommandButton } from '../../components/CommandButton';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { formatDateTime, formatRelative } from '../../format';
import { errorText } from '../../i18n';
import { useCan } from '../../state/session';
import { useSyncStatus } from '../../state/sync';
import { EnrollForm } from './EnrollForm';
import { changeWhat, problemOf } from './words';
import '../../app/sync.css';

const col = createColumnHelper<PendingChange>();

/** The detail behind the top bar's indicator: where this workstation syncs, how it is going, what waits. */
export default function SyncScreen() {
  const { t } = useTranslation();
  const status = useSyncStatus((s) => s.status);
  const shown = useSyncStatus((s) => s.shown);
  const setStatus = useSyncStatus((s) => s.set);
  const canEnroll = useCan('portal.manage');
  const [pending, setPending] = useState<PendingChange[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // the indicator brings people here: the heading takes the focus, so reading starts at the top
  useEffect(() => heading.current?.focus(), []);

  const pendingCount = status?.pending;
  useEffect(() => {
    let live = true;
    void call('sync.pending', {}).then((r) => live && r.ok && setPending(r.value));
    return () => {
      live = false;
    };
  }, [pendingCount]);

  useCommands([
    {
      id: 'sync.now',
      label: t('sync.commands.now'),
      shortcut: 'Alt+N',
      permission: 'sync.view',
      disabled: busy || status?.state === 'off',
      run: async () => {
        setBusy(true);
        setError(null);
        const r = await call('sync.now', {});
        setBusy(false);
        if (r.ok) setStatus(r.value);
        else setError(errorText(t, r.error));
      },
    },
  ]);

  const columns = useMemo(
    () => [
      col.accessor((p) => changeWhat(t, p.name, p.entity) + (p.rows > 1 ? ` (${t('sync.pending.rows', { count: p.rows })})` : ''), {
        id: 'what', header: t('sync.pending.columns.what'), meta: { width: '2fr' },
      }),
      col.accessor('createdAt', { header: t('sync.pending.columns.when'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '11rem' } }),
      col.accessor((p) => p.staffName ?? t('sync.pending.system'), { id: 'who', header: t('sync.pending.columns.who'), meta: { width: '1fr' } }),
    ],
    [t],
  );

  if (!status || !shown) return <p className="muted">{t('common.loading')}</p>;
  const problem = problemOf(status.lastError);
  const progress = status.progress && status.progress.total > 0 ? status.progress : null;

  return (
    <div className="screen">
      <h1 ref={heading} id={SYNC_HEADING_ID} tabIndex={-1}>{t('sync.screen.title')}</h1>
      <dl className="sync-facts" data-state={shown}>
        <dt>{t('sync.screen.state')}</dt>
        <dd>
          <span className="sync-glyph" aria-hidden="true">{STATE_GLYPH[shown]}</span> <strong className="sync-state">{t(`sync.state.${shown}`)}</strong>
          {' — '}
          {t(`sync.screen.stateText.${shown}`)}
        </dd>
        <dt>{t('sync.screen.hub')}</dt>
        <dd>{status.hubUrl ?? t('sync.screen.noHub')}</dd>
        {status.hubUrl ? (
          <>
            <dt>{t('sync.screen.updates')}</dt>
            <dd>{status.live ? t('sync.screen.live') : t('sync.screen.polling')}</dd>
          </>
        ) : null}
        <dt>{t('sync.screen.lastSynced')}</dt>
        <dd>
          {status.lastSyncedAt ? (
            <time dateTime={status.lastSyncedAt}>
              {formatRelative(status.lastSyncedAt)} ({formatDateTime(status.lastSyncedAt)})
            </time>
          ) : (
            t('sync.screen.never')
          )}
        </dd>
        <dt>{t('sync.screen.waiting')}</dt>
        <dd>{t('sync.indicator.waiting', { count: status.pending })}</dd>
        <dt>{t('sync.screen.lastProblem')}</dt>
        <dd>
          {problem ? (
            <>
              {t(`sync.problem.${problem}`)}
              <details>
                <summary className="sync-error-detail">{t('sync.screen.technical')}</summary>
                <code className="sync-error-detail">{status.lastError}</code>
              </details>
            </>
          ) : (
            t('sync.screen.noProblem')
          )}
        </dd>
      </dl>
      {progress ? (
        <label className="sync-actions">
          {t('sync.indicator.progress', { done: progress.done, total: progress.total })}
          <progress max={progress.total} value={progress.done} />
        </label>
      ) : null}
      <div className="sync-actions">
        <CommandButton command="sync.now" variant="primary" />
        {busy ? <span className="muted" role="status">{t('sync.screen.syncing')}</span> : null}
      </div>
      <FormError message={error ?? undefined} />
      <h2 id="sync-pending-title">{t('sync.pending.title')}</h2>
      <DataTable
        data={pending}
        columns={columns}
        getRowId={(p) => String(p.mutationId)}
        label={t('sync.pending.title')}
        emptyText={t('sync.pending.empty')}
        height={Math.min(10, Math.max(pending.length, 2)) * 32 + 36}
      />
      {canEnroll ? <EnrollForm status={status} onEnrolled={setStatus} /> : null}
    </div>
  );
}
