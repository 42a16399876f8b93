import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enrollInput } from '../../../common/api/sync';
import type { SyncStatus } from '../../../common/sync/status';
import { zodFieldErrors } from '../../../common/validation';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { MnemonicLabel } from '../../components/CommandButton';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { errorText } from '../../i18n';

type Form = { hubUrl: string; code: string };

/**
 * Checks the fields with the contract's own schema, so the screen says at once what the hub
 * would refuse; the hub's answer (unreachable, code refused) lands at its field the same way.
 */
export function useEnrollFields(initial: Form) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(initial);
  const submitter = useSubmit();
  const { setErrors, clear } = submitter;
  const check = (field?: keyof Form): boolean => {
    const parsed = enrollInput.safeParse(form);
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    const shown = Object.fromEntries(
      Object.entries(found).filter(([k]) => !field || k === field).map(([k, e]) => [k, errorText(t, e)]),
    );
    setErrors((prev) => (field ? { ...Object.fromEntries(Object.entries(prev).filter(([k]) => k !== field)), ...shown } : shown));
    return Object.keys(found).length === 0;
  };
  const bind = (field: keyof Form) => ({
    value: form[field],
    error: submitter.errors[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setForm({ ...form, [field]: e.target.value });
      clear(field);
    },
    onBlur: () => form[field] && check(field),
  });
  return { form, setForm, check, bind, ...submitter };
}

/** Enrolls this workstation with a hub (staff with Manage Patient Portal only). */
export function EnrollForm({ status, onEnrolled }: { status: SyncStatus; onEnrolled(status: SyncStatus): void }) {
  const { t } = useTranslation();
  const f = useEnrollFields({ hubUrl: status.hubUrl ?? '', code: '' });
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const enroll = async () => {
    setDone(false);
    if (!f.check()) return;
    await f.submit(() => call('sync.enroll', f.form), (s) => {
      setDone(true);
      f.setForm({ ...f.form, code: '' });
      onEnrolled(s);
    });
  };
  // the button submits the form, so Enter in either field enrolls as well
  useCommands([{ id: 'sync.enroll', label: t('sync.commands.enroll'), shortcut: 'Alt+E', permission: 'portal.manage', disabled: f.busy, run: () => formRef.current?.requestSubmit() }]);

  return (
    <form
      ref={formRef}
      className="sync-enroll"
      aria-labelledby="sync-enroll-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void enroll();
      }}
    >
      <h2 id="sync-enroll-title">{t('sync.enroll.title')}</h2>
      <p className="muted">{status.hubUrl ? t('sync.enroll.again', { hub: status.hubUrl }) : t('sync.enroll.intro')}</p>
      <Field label={t('sync.enroll.hubUrl')} hint={t('sync.enroll.hubUrlHint')} type="url" autoComplete="url" {...f.bind('hubUrl')} />
      <Field label={t('sync.enroll.code')} hint={t('sync.enroll.codeHint')} autoComplete="off" spellCheck={false} {...f.bind('code')} />
      <FormError message={f.errors._form} />
      {done ? <p role="status" className="field-ok">{t('sync.enroll.done')}</p> : null}
      <button type="submit" className="btn btn-primary" disabled={f.busy} aria-keyshortcuts="Alt+E">
        <MnemonicLabel label={t('sync.commands.enroll')} shortcut="Alt+E" />
      </button>
    </form>
  );
}
