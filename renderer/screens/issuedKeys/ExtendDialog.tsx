import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyChangeResult } from '../../../common/api/keys';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { dayBound, parseDay, typedDayFromNow } from './dates';

/** Extend expiry of one or many keys: a new last day; a past day is refused at the field. */
export function ExtendDialog({ ids, latestExpiry, onClose, onDone }: {
  ids: string[];
  /** The latest current expiry of the keys: the suggested new date is 30 days after it (or after today). */
  latestExpiry: string | null;
  onClose(): void;
  onDone(r: KeyChangeResult, expiresAt: string): void;
}) {
  const { t } = useTranslation();
  const [day, setDay] = useState(() => {
    const base = Math.max(0, Math.ceil((Date.parse(latestExpiry ?? '') - Date.now()) / 86_400_000) || 0);
    return typedDayFromNow(base + 30);
  });
  const { errors, busy, submit, clear, setErrors } = useSubmit();
  const run = () => {
    const parsed = parseDay(day);
    if (parsed === '') return setErrors({ expiresAt: t('errors.required') });
    const expiresAt = parsed ? dayBound(parsed, true) : undefined;
    if (!expiresAt) return setErrors({ expiresAt: t('keys.errors.dateFormat') });
    void submit(() => call('keys.extend', { ids, expiresAt }), (r) => onDone(r, expiresAt));
  };
  useCommands([
    { id: 'keys.extendSubmit', label: t('keys.extend.submit'), shortcut: 'Alt+X', permission: 'portal.media', disabled: busy, run },
    { id: 'keys.extendCancel', label: t('common.cancel'), run: onClose },
  ]);
  return (
    <Dialog open title={t('keys.extend.title')} description={t('keys.extend.intro', { count: ids.length })} onClose={onClose} onSubmit={run}>
      <Field
        label={t('keys.extend.dateLabel')}
        value={day}
        placeholder={t('keys.filters.datePlaceholder')}
        autoComplete="off"
        autoFocus
        hint={t('keys.extend.hint')}
        error={errors.expiresAt ?? errors.ids}
        onChange={(e) => {
          setDay(e.target.value);
          clear('expiresAt');
        }}
      />
      <FormError message={errors._form} />
      <div className="dialog-footer">
        <CommandButton command="keys.extendSubmit" variant="primary" />
        <CommandButton command="keys.extendCancel" />
      </div>
    </Dialog>
  );
}
