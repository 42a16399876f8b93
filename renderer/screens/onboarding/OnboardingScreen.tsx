import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnboardingRow, OnboardResult } from '../../../common/api/portal';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { formatDate } from '../../format';
import { errorText } from '../../i18n';
import { useUi } from '../../state/ui';
import { GROUP_COLOUR, statusLine } from '../portal/statusText';
import { NO_FILTERS, OnboardingFilters, type Filters } from './OnboardingFilters';

const PAGE = 100;
/** Patients per call: small enough for a steady progress bar, each one its own transaction on the server. */
const BATCH = 10;
const col = createColumnHelper<OnboardingRow>();
const yesNo = (v: '' | 'yes' | 'no') => (v === '' ? undefined : v === 'yes');
const cursorOf = (r: OnboardingRow | undefined): PageCursor | undefined => (r ? { mrn: r.mrn, id: r.patientId } : undefined);

type PageCursor = { mrn: string; id: string };

interface Run {
  done: number;
  total: number;
  results: OnboardResult[];
  finished: boolean;
}

/** Seed 004 "Patient Portal Onboarding Tool": every patient, a colour each, invitations in bulk. */
export default function OnboardingScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  /** Keyset paging: which page (for "101–200") and where it starts or ends. */
  const [at, setAt] = useState<{ index: number; after?: PageCursor; before?: PageCursor }>({ index: 0 });
  const [rows, setRows] = useState<OnboardingRow[]>([]);
  const [matches, setMatches] = useState({ total: 0, capped: false, hasMore: false });
  const [selection, setSelection] = useState<Set<string>>(() => new Set());
  const [active, setActive] = useState<OnboardingRow | undefined>();
  const [run, setRun] = useState<Run | null>(null);
  const names = useRef(new Map<string, string>());
  const [failure, setFailure] = useState('');
  const { errors, submit } = useSubmit();
  const openPatient = useUi((s) => s.openPatient);

  const load = useCallback(() => {
    void submit(
      () => call('portal.onboardingList', {
        ...(filters.group ? { groups: [filters.group] } : {}),
        ...(yesNo(filters.hasEmail) !== undefined ? { hasEmail: yesNo(filters.hasEmail) } : {}),
        ...(yesNo(filters.hasUsername) !== undefined ? { hasUsername: yesNo(filters.hasUsername) } : {}),
        ...(filters.studyAfter ? { studyAfter: filters.studyAfter } : {}),
        ...(at.after ? { after: at.after } : {}),
        ...(at.before ? { before: at.before } : {}),
        limit: PAGE,
      }),
      (v) => {
        for (const r of v.rows) names.current.set(r.patientId, r.name);
        setRows(v.rows);
        setMatches({ total: v.total, capped: v.capped, hasMore: v.hasMore });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, at]);
  useEffect(load, [load]);

  const changeFilters = (f: Filters) => {
    setFilters(f);
    setAt({ index: 0 });
    setSelection(new Set());
  };

  const act = async (send: boolean) => {
    const ids = selection.size ? [...selection] : active ? [active.patientId] : [];
    if (!ids.length || (run && !run.finished)) return;
    setFailure('');
    const state: Run = { done: 0, total: ids.length, results: [], finished: false };
    setRun(state);
    for (let i = 0; i < ids.length; i += BATCH) {
      const r = await call('portal.onboard', { patientIds: ids.slice(i, i + BATCH), send });
      if (!r.ok) {
        setRun({ ...state, finished: true });
        return void setFailure(errorText(t, r.error));
      }
      state.results.push(...r.value.results);
      state.done = Math.min(ids.length, i + BATCH);
      setRun({ ...state, results: [...state.results] });
    }
    setRun({ ...state, finished: true });
    setSelection(new Set());
    load();
  };
  const busy = !!run && !run.finished;
  const nothing = !selection.size && !active;
  useCommands([
    { id: 'onboarding.send', label: t('onboarding.send'), shortcut: 'Alt+I', permission: 'portal.frontDesk', disabled: busy || nothing, run: () => void act(true) },
    { id: 'onboarding.enable', label: t('onboarding.enable'), shortcut: 'Alt+A', permission: 'portal.frontDesk', disabled: busy || nothing, run: () => void act(false) },
    {
      id: 'onboarding.next', label: t('onboarding.next'), shortcut: 'Alt+N',
      // going forward there is more when this page is full and either we came back, or the server says so
      disabled: rows.length < PAGE || (!at.before && !matches.hasMore),
      run: () => setAt({ index: at.index + 1, after: cursorOf(rows.at(-1)) }),
    },
    {
      id: 'onboarding.previous', label: t('onboarding.previous'), shortcut: 'Alt+R', disabled: at.index === 0,
      run: () => setAt(at.index === 1 ? { index: 0 } : { index: at.index - 1, before: cursorOf(rows[0]) }),
    },
  ]);

  const columns = useMemo(
    () => [
      col.accessor((r) => t(`portal.status.group.${r.status.group}`), {
        id: 'status',
        header: t('onboarding.columns.status'),
        cell: (c) => (
          <span title={statusLine(t, c.row.original.status)} data-group={c.row.original.status.group}>
            <span className={`status-chip status-chip-${GROUP_COLOUR[c.row.original.status.group]}`} aria-hidden="true" />
            {c.getValue()}
          </span>
        ),
        meta: { width: '15.5rem' },
      }),
      col.accessor('mrn', { header: t('onboarding.columns.mrn'), meta: { width: '7rem' } }),
      col.accessor('name', { header: t('onboarding.columns.name'), meta: { width: '1.4fr' } }),
      col.accessor((r) => r.email ?? '', { id: 'email', header: t('onboarding.columns.email'), meta: { width: '1.6fr' } }),
      col.accessor((r) => r.username ?? '', { id: 'username', header: t('onboarding.columns.username'), meta: { width: '9rem' } }),
      col.accessor((r) => r.lastStudyDate ?? '', { id: 'lastStudy', header: t('onboarding.columns.lastStudy'), cell: (c) => formatDate(c.getValue()), meta: { width: '8rem' } }),
    ],
    [t],
  );

  const count = (o: string) => run?.results.filter((r) => r.outcome === o).length ?? 0;
  const skipped = run?.results.filter((r) => r.outcome === 'skipped') ?? [];
  return (
    <div className="screen screen-fill">
      <h1>{t('onboarding.title')}</h1>
      <p className="muted">{t('onboarding.intro')}</p>
      <OnboardingFilters value={filters} onChange={changeFilters} error={errors.studyAfter} />
      <FormError message={errors._form ?? (failure || undefined)} />
      <div className="onboarding-bar">
        <span role="status">
          {rows.length
            ? t('onboarding.page', {
                from: at.index * PAGE + 1,
                to: at.index * PAGE + rows.length,
                total: matches.capped ? t('onboarding.capped', { count: matches.total }) : matches.total,
              })
            : t('onboarding.empty')}
        </span>
        <CommandButton command="onboarding.previous" />
        <CommandButton command="onboarding.next" />
        <span className="muted">{selection.size ? t('onboarding.selected', { count: selection.size }) : t('onboarding.noneSelected')}</span>
        <CommandButton command="onboarding.enable" />
        <CommandButton command="onboarding.send" variant="primary" />
      </div>
      {run ? (
        <div className="onboarding-bar" role="status" aria-live="polite">
          <progress value={run.done} max={run.total} />
          <span>
            {run.finished
              ? t('onboarding.summary', { sent: count('sent'), enabled: count('enabled'), skipped: count('skipped') })
              : t('onboarding.progress', { done: run.done, total: run.total })}
          </span>
        </div>
      ) : null}
      {run?.finished && skipped.length ? (
        <section aria-label={t('onboarding.skippedTitle')}>
          <h2>{t('onboarding.skippedTitle')}</h2>
          <ul className="skipped-list">
            {skipped.map((r) => (
              <li key={r.patientId}>
                {names.current.get(r.patientId) ?? r.patientId}: {t(`onboarding.skip.${r.reason ?? 'notFound'}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <DataTable data={rows} columns={columns} getRowId={(r) => r.patientId} label={t('onboarding.tableLabel')} selectable
        selection={selection} onSelectionChange={setSelection} onActiveChange={setActive} onOpen={(r) => openPatient(r.patientId)}
        emptyText={t('onboarding.empty')} />
    </div>
  );
}
