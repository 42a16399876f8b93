import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow, StaffWithPassword } from '../../../common/api/staff';
import { ROLES, type Role } from '../../../common/permissions';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { DoneButton, PasswordChoice, ShownOnce } from './passwordParts';

export type FormTarget = { mode: 'create' } | { mode: 'edit'; staff: StaffRow };

/** Roles as checkboxes with what each one opens; the error (e.g. the last admin) sits under them. */
function RolesField({ value, onChange, error }: { value: Role[]; onChange(v: Role[]): void; error?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className={`field choice-group${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend>{t('staffAdmin.form.roles')}</legend>
      {ROLES.map((r) => (
        <label key={r} className="role-choice">
          <input type="checkbox" checked={value.includes(r)} onChange={(e) => onChange(ROLES.filter((x) => (x === r ? e.target.checked : value.includes(x))))} />{' '}
          {t(`auth.roles.${r}`)} <span className="field-hint">{t(`staffAdmin.form.roleHints.${r}`)}</span>
        </label>
      ))}
      {error ? <div id={`${id}-error`} className="field-error" role="alert">{error}</div> : null}
    </fieldset>
  );
}

/** Create a staff member (temporary password generated or typed) or edit name, roles and the portal flag. */
export function StaffForm({ target, onClose, onCreated, onSaved }: {
  target: FormTarget | null;
  onClose(): void;
  onCreated(r: StaffWithPassword): void;
  onSaved(s: StaffRow): void;
}) {
  const { t } = useTranslation();
  const editing = target?.mode === 'edit' ? target.staff : null;
  const [form, setForm] = useState({ username: '', displayName: '', roles: [] as Role[], portalAuthorised: false, typePassword: false, password: '' });
  const { errors, busy, submit, clear, setErrors } = useSubmit();
  const [created, setCreated] = useState<StaffWithPassword | null>(null);
  useEffect(() => {
    if (!target) return;
    setErrors({});
    setCreated(null);
    setForm({
      username: editing?.username ?? '',
      displayName: editing?.displayName ?? '',
      roles: editing?.roles ?? [],
      portalAuthorised: editing?.portalAuthorised ?? false,
      typePassword: false,
      password: '',
    });
  }, [target, editing, setErrors]);

  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    clear(k);
  };
  const save = () => {
    if (editing) {
      void submit(() => call('staff.update', { id: editing.id, displayName: form.displayName, roles: form.roles, portalAuthorised: form.portalAuthorised }), onSaved);
    } else {
      void submit(
        () => call('staff.create', {
          username: form.username,
          displayName: form.displayName,
          roles: form.roles,
          portalAuthorised: form.portalAuthorised,
          ...(form.typePassword ? { password: form.password } : {}),
        }),
        (r) => {
          setForm((f) => ({ ...f, password: '' }));
          setCreated(r);
          onCreated(r);
        },
      );
    }
  };

  if (created) {
    return (
      <Dialog open={!!target} onClose={onClose} onSubmit={onClose} title={t('staffAdmin.shown.title', { name: created.staff.displayName })} footer={<DoneButton />}>
        <ShownOnce shown={created} />
      </Dialog>
    );
  }

  return (
    <Dialog open={!!target} onClose={onClose} onSubmit={save}
      title={editing ? t('staffAdmin.form.editTitle', { name: editing.displayName }) : t('staffAdmin.form.createTitle')}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{editing ? t('staffAdmin.form.save') : t('staffAdmin.form.create')}</button>
        </>
      }>
      {editing ? (
        <p>{t('staffAdmin.form.username')}: <code>{editing.username}</code></p>
      ) : (
        <Field label={t('staffAdmin.form.username')} value={form.username} autoFocus autoComplete="off" hint={t('staffAdmin.form.usernameHint')}
          error={errors.username} onChange={(e) => set('username', e.target.value)} />
      )}
      <Field label={t('staffAdmin.form.displayName')} value={form.displayName} autoFocus={!!editing} autoComplete="off" error={errors.displayName}
        onChange={(e) => set('displayName', e.target.value)} />
      <RolesField value={form.roles} error={errors.roles} onChange={(v) => set('roles', v)} />
      <div className="field field-check">
        <label>
          <input type="checkbox" checked={form.portalAuthorised} aria-describedby="staff-portal-hint" onChange={(e) => set('portalAuthorised', e.target.checked)} />{' '}
          {t('staffAdmin.form.portalAuthorised')}
        </label>
        <div id="staff-portal-hint" className="field-hint">{t('staffAdmin.form.portalAuthorisedHint')}</div>
      </div>
      {editing ? null : <PasswordChoice typed={form.typePassword} password={form.password} error={errors.password}
        onTyped={(v) => set('typePassword', v)} onPassword={(v) => set('password', v)} />}
      <FormError message={errors._form ?? errors.id} />
    </Dialog>
  );
}
