import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictRow } from '../../../common/api/sync';
import { call, on } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../format';
import { errorText } from '../../i18n';
import { useSyncStatus } from '../../state/sync';
import { changeWhat } from '../sync/words';
import { recordName, recordOf } from './compare';
import { ConflictDetail } from './ConflictDetail';
import '../../app/sync.css';

const col = createColumnHelper<ConflictRow>();

/** Every change the hub refused or replaced, with both sides; staff acknowledge what they have checked. */
export default function ConflictsScreen() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ConflictRow[]>([]);
  const [all, setAll] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [active, setActive] = useState<ConflictRow | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const count = useSyncStatus((s) => s.status?.conflicts);
  const tableRef = useRef<HTMLDivElement>(null);

  // arriving here, the list takes the keyboard: arrows move, Space selects, Alt+A acknowledges
  useEffect(() => tableRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus(), []);

  const load = useCallback(async () => {
    const r = await call('sync.conflicts', { includeAcknowledged: all });
    if (r.ok) {
      setRows(r.value);
      setSelected((s) => new Set([...s].filter((id) => r.value.some((c) => c.id === id && !c.acknowledgedAt))));
    } else setError(errorText(t, r.error));
  }, [all, t]);

  useEffect(() => {
    void load();
  }, [load, count]);
  useEffect(() => on('data.changed', (e) => void (e.entities.includes('sync_conflict') && load())), [load]);

  const targets = selected.size ? [...selected] : active && !active.acknowledgedAt ? [active.id] : [];
  useCommands([
    {
      id: 'conflicts.acknowledge',
      label: selected.size ? t('conflicts.commands.acknowledgeSelected', { count: selected.size }) : t('conflicts.commands.acknowledge'),
      shortcut: 'Alt+A',
      permission: 'sync.resolve',
      disabled: targets.length === 0,
      run: async () => {
        if (!targets.length) return;
        setError(null);
        const r = await call('sync.acknowledge', { ids: targets });
        if (!r.ok) return setError(errorText(t, r.error));
        setNotice(t('conflicts.acknowledged', { count: r.value.acknowledged }));
        setSelected(new Set());
        await load();
      },
    },
    { id: 'conflicts.showAcknowledged', label: all ? t('conflicts.commands.hideAcknowledged') : t('conflicts.commands.showAcknowledged'), shortcut: 'Alt+W', run: () => setAll(!all) },
  ]);

  const columns = useMemo(
    () => [
      col.accessor((c) => t(`conflicts.kind.${c.kind}`), { id: 'kind', header: t('conflicts.columns.kind'), meta: { width: '7.5rem' } }),
      col.accessor((c) => changeWhat(t, c.mutationName, c.entity), { id: 'what', header: t('conflicts.columns.what'), meta: { width: '1.3fr' } }),
      col.accessor((c) => recordName(c.entity, recordOf(c.ours, c.entity, c.entityId) ?? recordOf(c.theirs, c.entity, c.entityId)) ?? '', {
        id: 'record', header: t('conflicts.columns.record'), meta: { width: '1.5fr' },
      }),
      col.accessor('createdAt', { header: t('conflicts.columns.when'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '10rem' } }),
      col.accessor((c) => (c.fromHere ? t('conflicts.origin.here') : t('conflicts.origin.elsewhere')), { id: 'origin', header: t('conflicts.columns.origin'), meta: { width: '9rem' } }),
      col.accessor((c) => (c.acknowledgedAt ? t('conflicts.acknowledgedShort', { who: c.acknowledgedBy ?? '' }) : t('conflicts.open')), {
        id: 'status', header: t('conflicts.columns.status'), meta: { width: '9rem' },
      }),
    ],
    [t],
  );

  return (
    <div className="screen">
      <h1>{t('conflicts.title')}</h1>
      <p className="muted">{t('conflicts.intro')}</p>
      <div className="sync-actions">
        <label className="toggle">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} aria-keyshortcuts="Alt+W" />
          {t('conflicts.showAcknowledgedToggle')}
        </label>
        <CommandButton command="conflicts.acknowledge" variant="primary" />
        <span className="muted">{t('conflicts.selectHint')}</span>
      </div>
      <div role="status" className="muted">{notice}</div>
      <FormError message={error ?? undefined} />
      <div className="conflict-layout" ref={tableRef}>
        <DataTable
          data={rows}
          columns={columns}
          getRowId={(c) => c.id}
          label={t('conflicts.tableLabel')}
          emptyText={all ? t('conflicts.emptyAll') : t('conflicts.empty')}
          selectable
          selection={selected}
          onSelectionChange={setSelected}
          onActiveChange={setActive}
          height={Math.min(8, Math.max(rows.length, 2)) * 32 + 36}
        />
        {active ? <ConflictDetail conflict={active} /> : null}
      </div>
    </div>
  );
}
