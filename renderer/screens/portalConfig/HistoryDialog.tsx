import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryKey, SettingChange } from '../../../common/api/settings';
import { call } from '../../api';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../format';
import { errorText } from '../../i18n';
import { formatValue } from './formatValue';

const col = createColumnHelper<SettingChange>();

/** Every change of one setting, newest first: when, who, old → new, why. Esc closes. */
export function HistoryDialog({ setting, onClose }: { setting: HistoryKey | null; onClose(): void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<SettingChange[] | null>(null);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    if (!setting) return;
    let live = true;
    setRows(null);
    setError(undefined);
    void call('settings.history', { key: setting }).then((r) => {
      if (!live) return;
      if (r.ok) setRows(r.value);
      else setError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
  }, [setting, t]);

  const columns = useMemo(
    () =>
      setting
        ? [
            col.accessor('at', { header: t('portalConfig.history.columns.at'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '10rem' } }),
            col.accessor('by', { header: t('portalConfig.history.columns.by'), meta: { width: '8rem' } }),
            col.accessor((r) => formatValue(t, setting, r.oldValue), { id: 'from', header: t('portalConfig.history.columns.from'), meta: { width: '1fr' } }),
            col.accessor((r) => formatValue(t, setting, r.newValue), { id: 'to', header: t('portalConfig.history.columns.to'), meta: { width: '1fr' } }),
            col.accessor('reason', { header: t('portalConfig.history.columns.reason'), meta: { width: '1fr' } }),
          ]
        : [],
    [setting, t],
  );

  const name = setting ? t(`portalConfig.fields.${setting}`) : '';
  return (
    <Dialog open={!!setting} onClose={onClose} title={t('portalConfig.history.title', { setting: name })} wide
      footer={<button type="button" className="btn btn-secondary" onClick={onClose}>{t('common.close')}</button>}>
      <FormError message={error} />
      {rows === null && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {rows ? (
        <DataTable data={rows} columns={columns} getRowId={(r) => r.id} label={t('portalConfig.history.tableLabel')} autoFocus
          emptyText={t('portalConfig.history.empty')} height={Math.min(10, Math.max(rows.length, 2)) * 32 + 36} />
      ) : null}
    </Dialog>
  );
}
