import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialLetter, PortalView } from '../../../common/api/portal';
import type { PortalRight } from '../../../common/settings';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { formatDate } from '../../format';
import { currentLanguage } from '../../i18n';
import { RightsFields } from './RightsFields';
import { TempPasswordFields, type TempMode } from './TempPasswordFields';
import { UsernameField } from './UsernameField';

/**
 * Seed 002: "Opret en patient ved at indtaste patientens e-mail og vælge de funktioner ... og
 * afslut med <Alt+P>". Email (or a temporary password) and a postal code are needed (seed 001).
 */
export function CreateForm({ view, onCreated, bindSubmit }: {
  view: PortalView;
  onCreated(view: PortalView, letter: CredentialLetter | null): void;
  bindSubmit(fn: () => void): void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(view.email ?? '');
  const [postalCode, setPostalCode] = useState(view.postalCode ?? '');
  // without an email the temporary password is the way in, and it signs in by username
  const [username, setUsername] = useState(view.email ? '' : view.suggestedUsername);
  const [rights, setRights] = useState<PortalRight[]>([]);
  const [reply, setReply] = useState(false);
  const [tempMode, setTempMode] = useState<TempMode>(view.email ? 'none' : 'generate');
  const [tempPassword, setTempPassword] = useState('');
  const { errors, busy, submit, clear } = useSubmit();

  const create = () =>
    void submit(
      () => call('portal.create', {
        patientId: view.patientId,
        email,
        postalCode,
        username,
        rights,
        wantsElectronicReply: reply,
        tempPassword: { mode: tempMode, password: tempMode === 'typed' ? tempPassword : '' },
        language: currentLanguage(),
      }),
      (v) => onCreated(v.view, v.letter),
    );
  bindSubmit(create);
  useCommands([
    { id: 'portalForm.create', label: t('portal.commands.create'), shortcut: 'Alt+P', permission: 'portal.frontDesk', disabled: busy || !view.portalEnabled, run: create },
  ]);
  const chooseTemp = (mode: TempMode) => {
    setTempMode(mode);
    clear('tempPassword');
    // a temporary password signs in by username: offer the suggestion right away
    if (mode !== 'none' && !username) setUsername(view.suggestedUsername);
  };

  return (
    <>
      {view.former ? (
        <p className="note" role="note">
          {t('portal.form.returning', {
            date: formatDate(view.former.removedAt),
            rights: view.former.rights.map((r) => t(`portal.form.right.${r}`)).join(', ') || t('common.none'),
          })}
        </p>
      ) : null}
      {view.activateWithoutConfirmation ? <p className="muted">{t('portal.form.activatesAtOnce')}</p> : null}
      <Field label={t('portal.form.email')} type="email" autoFocus autoComplete="off" value={email} error={errors.email}
        hint={t('portal.form.privacy')} onChange={(e) => { setEmail(e.target.value); clear('email'); }} />
      {view.emailSharedWith > 0 && email === view.email ? <p className="note">{t('portal.form.sharedEmail', { count: view.emailSharedWith })}</p> : null}
      <Field label={t('portal.form.postalCode')} value={postalCode} autoComplete="off" error={errors.postalCode}
        onChange={(e) => { setPostalCode(e.target.value); clear('postalCode'); }} />
      <UsernameField value={username} patientId={view.patientId} suggestion={view.suggestedUsername} error={errors.username}
        hint={t('portal.form.usernameHint')} onChange={(v) => { setUsername(v); clear('username'); }} />
      <RightsFields offered={view.offeredRights} rights={rights} reply={reply} error={errors.rights}
        onRights={(r) => { setRights(r); clear('rights'); }} onReply={setReply} />
      <TempPasswordFields legend={t('portal.form.tempLegend')} allowNone mode={tempMode} onMode={chooseTemp} password={tempPassword}
        onPassword={(v) => { setTempPassword(v); clear('tempPassword'); }} days={view.tempPasswordDays} error={errors.tempPassword} />
      <FormError message={errors._form} />
      <div className="dialog-footer">
        <CommandButton command="portalForm.create" variant="primary" />
      </div>
    </>
  );
}
