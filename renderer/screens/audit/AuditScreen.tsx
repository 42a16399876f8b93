import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditOutcome, AuditRow } from '../../../common/api/audit';
import { call } from '../../api';
import { DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { formatDateTime } from '../../format';

const col = createColumnHelper<AuditRow>();

/** Local calendar day → the UTC instant of its start (or of its end, for "to"). */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (end) {
    d.setDate(d.getDate() + 1);
    d.setMilliseconds(-1);
  }
  return d.toISOString();
}

export default function AuditScreen() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState({ from: '', to: '', staff: '', action: '', outcome: '' });
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [more, setMore] = useState(false);
  const { errors, submit, clear } = useSubmit();

  const load = useCallback(() => {
    const from = dayBound(filters.from, false);
    const to = dayBound(filters.to, true);
    void submit(
      () =>
        call('audit.list', {
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(filters.staff ? { staff: filters.staff } : {}),
          ...(filters.action ? { action: filters.action } : {}),
          ...(filters.outcome ? { outcome: filters.outcome as AuditOutcome } : {}),
        }),
      (v) => {
        setRows(v.rows);
        setMore(v.more);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);
  useEffect(load, []); // eslint-disable-line react-hooks/exhaustive-deps

  const columns = useMemo(
    () => [
      col.accessor('at', { header: t('audit.columns.at'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '11rem' } }),
      col.accessor('staffUsername', { header: t('audit.columns.staff'), meta: { width: '8rem' } }),
      col.accessor('action', { header: t('audit.columns.action'), meta: { width: '11rem' } }),
      col.accessor('patientName', { header: t('audit.columns.patient'), meta: { width: '1.5fr' } }),
      col.accessor('outcome', { header: t('audit.columns.outcome'), cell: (c) => t(`audit.outcome.${c.getValue()}`), meta: { width: '6rem' } }),
      col.accessor('detail', { header: t('audit.columns.detail'), meta: { width: '1fr' } }),
    ],
    [t],
  );
  const set = (k: keyof typeof filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setFilters({ ...filters, [k]: e.target.value });
    clear(k);
  };

  return (
    <div className="screen screen-fill">
      <h1>{t('audit.title')}</h1>
      <form
        className="filters"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <Field label={t('audit.filters.from')} type="date" value={filters.from} onChange={set('from')} error={errors.from} />
        <Field label={t('audit.filters.to')} type="date" value={filters.to} onChange={set('to')} error={errors.to} />
        <Field label={t('audit.filters.staff')} value={filters.staff} onChange={set('staff')} error={errors.staff} />
        <Field label={t('audit.filters.action')} value={filters.action} onChange={set('action')} error={errors.action} />
        <div className="field">
          <label htmlFor="audit-outcome">{t('audit.filters.outcome')}</label>
          <select id="audit-outcome" value={filters.outcome} onChange={set('outcome')}>
            <option value="">{t('audit.filters.any')}</option>
            <option value="ok">{t('audit.outcome.ok')}</option>
            <option value="denied">{t('audit.outcome.denied')}</option>
            <option value="failed">{t('audit.outcome.failed')}</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary">{t('audit.filters.apply')}</button>
      </form>
      <FormError message={errors._form} />
      {more ? <p className="muted" role="status">{t('audit.more', { count: rows.length })}</p> : null}
      <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t('audit.tableLabel')} />
    </div>
  );
}
