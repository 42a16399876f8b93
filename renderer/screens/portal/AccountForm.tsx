import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalAccountView, PortalView } from '../../../common/api/portal';
import type { PortalAction } from '../../../common/rules/portalStatus';
import type { PortalRight } from '../../../common/settings';
import { call } from '../../api';
import { useCommands, type Command } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { RightsFields } from './RightsFields';
import { UsernameField } from './UsernameField';

export type SubDialog = 'delete' | 'email' | 'temp';

type Request = 'portal.sendActivation' | 'portal.sendReset' | 'portal.unlock';

/**
 * The portal form of a patient who has a portal user: Gensend (Alt+E), Ny kode (Alt+K), rights
 * and "wants electronic reply", username, access on or off, Slet (Alt+L), a temporary password,
 * and the guarded email change. A button shows only what the status allows.
 */
export function AccountForm({ view, account, onView, openSub, bindSubmit }: {
  view: PortalView;
  account: PortalAccountView;
  onView(view: PortalView, contactChanged?: boolean): void;
  openSub(which: SubDialog): void;
  bindSubmit(fn: () => void): void;
}) {
  const { t } = useTranslation();
  const [postalCode, setPostalCode] = useState(view.postalCode ?? '');
  const [username, setUsername] = useState(account.username ?? '');
  const [rights, setRights] = useState<PortalRight[]>(account.rights);
  const [reply, setReply] = useState(account.wantsElectronicReply);
  const [note, setNote] = useState('');
  const { errors, busy, submit, clear } = useSubmit();
  const can = (a: PortalAction) => view.status.actions.includes(a) && !busy;

  const save = () =>
    void submit(
      () => call('portal.update', { patientId: view.patientId, username, rights, wantsElectronicReply: reply, postalCode }),
      (v) => {
        onView(v, postalCode !== (view.postalCode ?? ''));
        setUsername(v.account?.username ?? '');
        setNote(t('portal.form.saved'));
      },
    );
  const request = (method: Request, done: string) =>
    void submit(() => call(method, { patientId: view.patientId }), (v) => {
      onView(v);
      setNote(done);
    });
  const setAccess = (enabled: boolean) =>
    void submit(() => call('portal.setAccess', { patientId: view.patientId, enabled }), (v) => {
      onView(v);
      setNote('');
    });
  bindSubmit(save);

  const p = 'portal.frontDesk' as const;
  const commands: Command[] = [
    { id: 'portalForm.save', label: t('portal.commands.save'), shortcut: 'Alt+S', permission: p, disabled: !can('edit'), run: save },
    {
      id: 'portalForm.sendActivation',
      label: view.status.invited ? t('portal.commands.resend') : t('portal.commands.sendActivation'),
      shortcut: 'Alt+E', permission: p, disabled: !can('sendActivation'),
      run: () => request('portal.sendActivation', t('portal.form.sent.activation')),
    },
    { id: 'portalForm.newCode', label: t('portal.commands.newCode'), shortcut: 'Alt+K', permission: p, disabled: !can('sendReset'), run: () => request('portal.sendReset', t('portal.form.sent.reset')) },
    { id: 'portalForm.unlock', label: t('portal.commands.unlock'), shortcut: 'Alt+O', permission: p, disabled: !can('unlock'), run: () => request('portal.unlock', t('portal.form.sent.unlock')) },
    {
      id: 'portalForm.access',
      label: account.accessEnabled ? t('portal.commands.disable') : t('portal.commands.enable'),
      shortcut: 'Alt+A', permission: p, disabled: !can(account.accessEnabled ? 'disable' : 'enable'),
      run: () => setAccess(!account.accessEnabled),
    },
    { id: 'portalForm.changeEmail', label: t('portal.commands.changeEmail'), shortcut: 'Alt+M', permission: p, disabled: !can('changeEmail'), run: () => openSub('email') },
    { id: 'portalForm.tempPassword', label: t('portal.commands.tempPassword'), shortcut: 'Alt+T', permission: p, disabled: !can('tempPassword'), run: () => openSub('temp') },
    { id: 'portalForm.delete', label: t('portal.commands.delete'), shortcut: 'Alt+L', permission: p, disabled: !can('delete'), run: () => openSub('delete') },
  ];
  useCommands(commands);
  const shown = (a: PortalAction) => view.status.actions.includes(a);

  return (
    <>
      <div className="action-row">
        {shown('sendActivation') ? <CommandButton command="portalForm.sendActivation" /> : null}
        {shown('sendReset') ? <CommandButton command="portalForm.newCode" /> : null}
        {shown('unlock') ? <CommandButton command="portalForm.unlock" /> : null}
      </div>
      {note ? <p className="field-ok" role="status">{note}</p> : null}
      <div className="field">
        <span className="field-label">{t('portal.form.email')}</span>
        <div className="field-with-action">
          <span className={view.email ? undefined : 'muted'}>{view.email ?? t('common.notOnFile')}</span>
          <CommandButton command="portalForm.changeEmail" />
        </div>
        {errors.email ? <div className="field-error" role="alert">{errors.email}</div> : null}
      </div>
      {view.emailSharedWith > 0 ? <p className="note">{t('portal.form.sharedEmail', { count: view.emailSharedWith })}</p> : null}
      <Field label={t('portal.form.postalCode')} value={postalCode} autoComplete="off" error={errors.postalCode}
        onChange={(e) => { setPostalCode(e.target.value); clear('postalCode'); }} />
      <UsernameField value={username} patientId={view.patientId} suggestion={view.suggestedUsername} error={errors.username}
        onChange={(v) => { setUsername(v); clear('username'); }} />
      <RightsFields offered={view.offeredRights} rights={rights} reply={reply} error={errors.rights} note={t('portal.form.noRightsNote')}
        onRights={(r) => { setRights(r); clear('rights'); }} onReply={setReply} />
      <FormError message={errors._form} />
      <div className="dialog-footer">
        <CommandButton command="portalForm.delete" variant="danger" />
        <CommandButton command="portalForm.tempPassword" />
        <CommandButton command="portalForm.access" />
        <CommandButton command="portalForm.save" variant="primary" />
      </div>
    </>
  );
}
