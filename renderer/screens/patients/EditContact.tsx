import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactInput } from '../../../common/api/contact';
import type { PatientDetail } from '../../../common/api/patients';
import { zodFieldErrors } from '../../../common/validation';
import { call, on } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { errorText } from '../../i18n';

type Form = { email: string; mobile: string; postalCode: string; addressLine: string; city: string };
const formOf = (p: PatientDetail): Form => ({
  email: p.email ?? '', mobile: p.mobile ?? '', postalCode: p.postalCode ?? '', addressLine: p.addressLine ?? '', city: p.city ?? '',
});

/**
 * The patient header's "Edit contact details": a button and its dialog. It also keeps the header
 * current when another workstation's change of this patient arrives through sync.
 */
export function EditContact({ patient, onChange }: { patient: PatientDetail; onChange(p: PatientDetail): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>(() => formOf(patient));
  const { errors, setErrors, clear, busy, submit } = useSubmit();

  useEffect(
    () =>
      on('data.changed', (e) => {
        if (!e.entities.includes('patient') || (e.ids && !e.ids.includes(patient.id))) return;
        void call('patients.get', { id: patient.id }).then((r) => r.ok && onChange(r.value));
      }),
    [patient.id, onChange],
  );

  const openDialog = () => {
    setForm(formOf(patient));
    setErrors({});
    setOpen(true);
  };
  useCommands([{ id: 'patient.editContact', label: t('contact.edit'), shortcut: 'Alt+T', permission: 'portal.frontDesk', run: openDialog }]);

  const problems = (f: Form) => {
    const parsed = contactInput.safeParse({ id: patient.id, ...f });
    return parsed.success ? {} : Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([k, e]) => [k, errorText(t, e)]));
  };
  const bind = (field: keyof Form) => ({
    value: form[field],
    error: errors[field],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setForm({ ...form, [field]: e.target.value });
      clear(field);
    },
    onBlur: () => {
      const found = problems(form)[field];
      if (found) setErrors((prev) => ({ ...prev, [field]: found }));
    },
  });
  const save = async () => {
    const found = problems(form);
    if (Object.keys(found).length) return setErrors(found);
    await submit(() => call('patients.updateContact', { id: patient.id, ...form }), (p) => {
      onChange(p);
      setOpen(false);
    });
  };

  return (
    <>
      <CommandButton command="patient.editContact" variant="secondary" />
      <Dialog open={open} onClose={() => setOpen(false)} title={t('contact.title', { name: `${patient.givenName} ${patient.familyName}` })}
        description={t('contact.intro')} onSubmit={save}
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
            <button type="submit" className="btn btn-primary" disabled={busy}>{t('common.save')}</button>
          </>
        }>
        <Field label={t('contact.email')} type="email" autoComplete="off" autoFocus {...bind('email')} />
        <Field label={t('contact.mobile')} hint={t('contact.mobileHint')} type="tel" autoComplete="off" {...bind('mobile')} />
        <Field label={t('contact.addressLine')} autoComplete="off" {...bind('addressLine')} />
        <Field label={t('contact.postalCode')} inputMode="numeric" autoComplete="off" {...bind('postalCode')} />
        <Field label={t('contact.city')} autoComplete="off" {...bind('city')} />
        <FormError message={errors._form ?? errors.id} />
      </Dialog>
    </>
  );
}
