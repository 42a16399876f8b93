import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../format';
import type { ShownState } from '../screens/sync/words';
import { useCan } from '../state/session';
import { followSyncStatus, useSyncStatus } from '../state/sync';
import { useUi } from '../state/ui';
import './sync.css';

export const SYNC_HEADING_ID = 'sync-screen-title';

/** A shape as well as a colour for each state, so colour is never the only signal. */
export const STATE_GLYPH: Record<ShownState, string> = { off: '⊘', online: '●', offline: '○', syncing: '↻', error: '⚠' };

/** Re-renders every half minute so "synced 2 minutes ago" stays true. */
function useTick(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/**
 * The top bar's sync status: a button that opens the Sync screen, a progress bar during a first
 * sync, a button to the conflicts when there are any, and a polite live region that speaks
 * when the state changes (online, offline, error), not when a count does.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const allowed = useCan('sync.view');
  const status = useSyncStatus((s) => s.status);
  const go = useUi((s) => s.go);
  const now = useTick(30_000);
  const state = useSyncStatus((s) => s.shown);
  const announce = useSyncStatus((s) => s.announce);

  useEffect(() => (allowed ? followSyncStatus() : undefined), [allowed]);

  if (!allowed || !status || !state) return null;
  const detail =
    status.pending > 0
      ? t('sync.indicator.waiting', { count: status.pending })
      : status.lastSyncedAt
        ? t('sync.indicator.syncedAgo', { ago: formatRelative(status.lastSyncedAt, now) })
        : state === 'off'
          ? ''
          : t('sync.indicator.neverSynced');
  const absolute = status.lastSyncedAt ? t('sync.indicator.syncedAt', { at: formatDateTime(status.lastSyncedAt) }) : '';
  const progress = status.progress && status.progress.total > 0 ? status.progress : null;
  const label = [t(`sync.state.${state}`), detail, absolute].filter(Boolean).join('. ');

  return (
    <div className="sync-indicator" data-state={state}>
      <button type="button" className="btn btn-ghost sync-indicator-button" aria-label={t('sync.indicator.label', { status: label })} title={absolute || undefined} onClick={() => {
          go('sync');
          // already on the Sync screen: the focus still moves to its top, as on arrival
          document.getElementById(SYNC_HEADING_ID)?.focus();
        }}>
        <span className="sync-glyph" aria-hidden="true">{STATE_GLYPH[state]}</span>
        <span className="sync-state">{t(`sync.state.${state}`)}</span>
        {detail ? <span className="sync-detail">{detail}</span> : null}
      </button>
      {progress ? (
        <progress className="sync-progress" max={progress.total} value={progress.done} aria-label={t('sync.indicator.progress', { done: progress.done, total: progress.total })} />
      ) : null}
      {status.conflicts > 0 ? (
        <button type="button" className="btn btn-ghost sync-conflicts" onClick={() => go('conflicts')}>
          <span aria-hidden="true">⚑</span> {t('sync.indicator.conflicts', { count: status.conflicts })}
        </button>
      ) : null}
      <div className="sr-only" role="status" aria-live="polite">
        {announce ? t(`sync.announce.${announce}`) : ''}
      </div>
    </div>
  );
}

/** The number of conflicts nobody has acknowledged yet, beside the Conflicts screen in the navigation. */
export function ConflictCount() {
  const { t } = useTranslation();
  const count = useSyncStatus((s) => s.status?.conflicts ?? 0);
  if (!count) return null;
  return (
    <span className="badge badge-count" title={t('sync.indicator.conflicts', { count })}>
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">{t('sync.indicator.conflicts', { count })}</span>
    </span>
  );
}
