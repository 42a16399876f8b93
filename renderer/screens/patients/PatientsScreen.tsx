import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary, StudySummary } from '../../../common/api/patients';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { DataTable } from '../../components/DataTable';
import { formatDate } from '../../format';
import { errorText } from '../../i18n';
import { useUi } from '../../state/ui';

const col = createColumnHelper<PatientSummary>();
const studyCol = createColumnHelper<StudySummary>();

/** Search as you type; Enter (or ↓ then Enter) opens the patient in the header. */
export default function PatientsScreen() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<PatientSummary[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const patientId = useUi((s) => s.patientId);
  const openPatient = useUi((s) => s.openPatient);
  const [studies, setStudies] = useState<StudySummary[]>([]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void call('patients.search', { text, limit: 50 }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setRows(r.value.rows);
          setMore(r.value.more);
          setError(null);
        } else setError(errorText(t, r.error));
      });
    }, 80);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, t]);

  useEffect(() => {
    if (!patientId) return setStudies([]);
    let live = true;
    void call('patients.studies', { patientId }).then((r) => live && r.ok && setStudies(r.value));
    return () => {
      live = false;
    };
  }, [patientId]);

  useCommands([{ id: 'patients.focusSearch', label: t('patients.commands.focusSearch'), shortcut: 'Alt+S', run: () => searchRef.current?.focus() }]);

  const columns = useMemo(
    () => [
      col.accessor('mrn', { header: t('patients.columns.mrn'), meta: { width: '8rem' } }),
      col.accessor((p) => `${p.familyName}, ${p.givenName}`, { id: 'name', header: t('patients.columns.name'), meta: { width: '2fr' } }),
      col.accessor('dateOfBirth', { header: t('patients.columns.dateOfBirth'), cell: (c) => formatDate(c.getValue()), meta: { width: '9rem' } }),
      col.accessor('sex', { header: t('patients.columns.sex'), cell: (c) => t(`patients.sex.${c.getValue()}`), meta: { width: '7rem' } }),
    ],
    [t],
  );
  const studyColumns = useMemo(
    () => [
      studyCol.accessor('studyDate', { header: t('patients.studies.columns.date'), cell: (c) => formatDate(c.getValue()), meta: { width: '8rem' } }),
      studyCol.accessor('accessionNumber', { header: t('patients.studies.columns.accession'), meta: { width: '8rem' } }),
      studyCol.accessor('modality', { header: t('patients.studies.columns.modality'), meta: { width: '6rem' } }),
      studyCol.accessor('description', { header: t('patients.studies.columns.description'), meta: { width: '2fr' } }),
      studyCol.accessor('reportStatus', { header: t('patients.studies.columns.report'), cell: (c) => t(`patients.studies.report.${c.getValue()}`), meta: { width: '8rem' } }),
    ],
    [t],
  );

  return (
    <div className="screen">
      <h1 className="sr-only">{t('shell.screens.patients')}</h1>
      <div className="field search-field">
        <label htmlFor="patient-search">{t('patients.searchLabel')}</label>
        <input
          id="patient-search"
          ref={searchRef}
          type="search"
          autoFocus
          autoComplete="off"
          placeholder={t('patients.searchPlaceholder')}
          aria-describedby="patient-search-hint"
          aria-keyshortcuts="Alt+S"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && rows.length) {
              e.preventDefault();
              tableRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus();
            } else if (e.key === 'Enter' && rows[0]) {
              e.preventDefault();
              openPatient(rows[0].id);
            }
          }}
        />
        <div id="patient-search-hint" className="field-hint">{t('patients.searchHint')}</div>
      </div>
      {error ? <div className="form-error" role="alert">{error}</div> : null}
      <div role="status" className="muted result-count">
        {text.trim() ? (rows.length ? t('common.results', { count: rows.length }) : t('patients.noMatch', { text: text.trim() })) : ''}
        {more ? ` ${t('common.more')}` : ''}
      </div>
      <div ref={tableRef} className="table-region">
        <DataTable data={rows} columns={columns} getRowId={(p) => p.id} label={t('patients.tableLabel')} onOpen={(p) => openPatient(p.id)} height={Math.min(12, Math.max(rows.length, 3)) * 32 + 36} />
      </div>
      {patientId ? (
        <section aria-labelledby="studies-title">
          <h2 id="studies-title">{t('patients.studies.title')}</h2>
          <DataTable data={studies} columns={studyColumns} getRowId={(s) => s.id} label={t('patients.studies.title')} emptyText={t('patients.studies.empty')} height={Math.min(10, Math.max(studies.length, 2)) * 32 + 36} />
        </section>
      ) : null}
    </div>
  );
}
