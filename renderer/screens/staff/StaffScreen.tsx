import { createColumnHelper } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow } from '../../../common/api/staff';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { formatDateTime } from '../../format';
import { errorText } from '../../i18n';
import { useSession } from '../../state/session';
import { DisableDialog, ResetDialog } from './StaffDialogs';
import { StaffForm, type FormTarget } from './StaffForm';

const col = createColumnHelper<StaffRow>();

/** Staff and permissions (issue 6): every action works on the row under the cursor. */
export default function StaffScreen() {
  const { t } = useTranslation();
  const me = useSession((s) => s.state?.staff?.id);
  const [rows, setRows] = useState<StaffRow[]>([]);
  const [active, setActive] = useState<StaffRow | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [form, setForm] = useState<FormTarget | null>(null);
  const [disabling, setDisabling] = useState<StaffRow | null>(null);
  const [resetting, setResetting] = useState<StaffRow | null>(null);

  const load = useCallback(() => {
    void call('staff.list', {}).then((r) => (r.ok ? setRows(r.value) : setError(errorText(t, r.error))));
  }, [t]);
  useEffect(load, [load]);

  const done = (message: string) => {
    setStatus(message);
    setError(undefined);
    load();
  };
  const enable = async (s: StaffRow) => {
    const r = await call('staff.setDisabled', { id: s.id, disabled: false });
    if (r.ok) done(t('staffAdmin.done.enabled', { name: s.displayName }));
    else setError(errorText(t, r.error));
  };
  const unlock = async (s: StaffRow) => {
    const r = await call('staff.unlock', { id: s.id });
    if (r.ok) done(t('staffAdmin.done.unlocked', { name: s.displayName }));
    else setError(errorText(t, r.error));
  };

  useCommands([
    { id: 'staff.new', label: t('staffAdmin.commands.create'), shortcut: 'Alt+N', permission: 'staff.manage', run: () => setForm({ mode: 'create' }) },
    { id: 'staff.edit', label: t('staffAdmin.commands.edit'), shortcut: 'Alt+E', permission: 'staff.manage', disabled: !active,
      run: () => active && setForm({ mode: 'edit', staff: active }) },
    { id: 'staff.toggleDisabled', label: t(active?.disabled ? 'staffAdmin.commands.enable' : 'staffAdmin.commands.disable'), shortcut: 'Alt+D',
      permission: 'staff.manage', disabled: !active, run: () => active && (active.disabled ? void enable(active) : setDisabling(active)) },
    { id: 'staff.resetPassword', label: t('staffAdmin.commands.resetPassword'), shortcut: 'Alt+R', permission: 'staff.manage', disabled: !active,
      run: () => active && setResetting(active) },
    { id: 'staff.unlock', label: t('staffAdmin.commands.unlock'), shortcut: 'Alt+U', permission: 'staff.manage', disabled: !active?.locked,
      run: () => active && void unlock(active) },
  ]);

  const statusOf = useCallback(
    (s: StaffRow) =>
      s.disabled ? t('staffAdmin.status.disabled') : s.locked ? t('staffAdmin.status.locked') : s.mustChangePassword ? t('staffAdmin.status.temporary') : t('staffAdmin.status.active'),
    [t],
  );
  const columns = useMemo(
    () => [
      col.accessor((s) => (s.id === me ? `${s.username} ${t('staffAdmin.you')}` : s.username), { id: 'username', header: t('staffAdmin.columns.username'), meta: { width: '10rem' } }),
      col.accessor('displayName', { header: t('staffAdmin.columns.name'), meta: { width: '1.5fr' } }),
      col.accessor((s) => s.roles.map((r) => t(`auth.roles.${r}`)).join(', '), { id: 'roles', header: t('staffAdmin.columns.roles'), meta: { width: '1.5fr' } }),
      col.accessor((s) => (s.portalAuthorised ? t('common.yes') : t('common.no')), { id: 'portal', header: t('staffAdmin.columns.portal'), meta: { width: '9rem' } }),
      col.accessor(statusOf, { id: 'status', header: t('staffAdmin.columns.status'), meta: { width: '10rem' } }),
      col.accessor('lastSignInAt', { header: t('staffAdmin.columns.lastSignIn'), cell: (c) => formatDateTime(c.getValue()), meta: { width: '10rem' } }),
    ],
    [t, me, statusOf],
  );

  return (
    <div className="screen screen-fill">
      <h1>{t('staffAdmin.title')}</h1>
      <div className="staff-actions">
        <CommandButton command="staff.new" variant="primary" />
        <CommandButton command="staff.edit" />
        <CommandButton command="staff.toggleDisabled" />
        <CommandButton command="staff.resetPassword" />
        <CommandButton command="staff.unlock" />
      </div>
      <FormError message={error} />
      <p role="status" className="muted">{status}</p>
      <DataTable data={rows} columns={columns} getRowId={(s) => s.id} label={t('staffAdmin.tableLabel')} autoFocus emptyText={t('staffAdmin.empty')}
        onActiveChange={setActive} onOpen={(s) => setForm({ mode: 'edit', staff: s })} />
      <StaffForm target={form} onClose={() => setForm(null)}
        onCreated={(r) => done(t('staffAdmin.done.created', { name: r.staff.displayName }))}
        onSaved={(s) => { setForm(null); done(t('staffAdmin.done.updated', { name: s.displayName })); }} />
      <DisableDialog staff={disabling} onClose={() => setDisabling(null)}
        onDone={(s) => { setDisabling(null); done(t('staffAdmin.done.disabled', { name: s.displayName })); }} />
      <ResetDialog staff={resetting} onClose={() => setResetting(null)} onDone={load} />
    </div>
  );
}
