import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DelayUnit } from '../../../common/rules/delay';
import type { PortalConfigKey } from '../../../common/settings';
import { Field } from '../../components/Field';
import type { DelayDraft } from './draft';

/**
 * One setting: its control and a History button. `data-setting` lets "History of this
 * setting" (Alt+H) find the setting that holds the focus.
 */
export function SettingRow({ setting, onHistory, children }: { setting: PortalConfigKey; onHistory(key: PortalConfigKey): void; children: ReactNode }) {
  const { t } = useTranslation();
  const name = t(`portalConfig.fields.${setting}`);
  return (
    <div className="setting-row" data-setting={setting}>
      <div className="setting-control">{children}</div>
      <button type="button" className="btn btn-ghost setting-history" aria-label={t('portalConfig.history.buttonLabel', { setting: name })} onClick={() => onHistory(setting)}>
        {t('portalConfig.history.button')}
      </button>
    </div>
  );
}

function Describe({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | undefined }) {
  return (
    <>
      {hint ? <div id={`${id}-hint`} className="field-hint">{hint}</div> : null}
      {error ? <div id={`${id}-error`} className="field-error" role="alert">{error}</div> : null}
    </>
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

/** A yes/no setting as one checkbox (Space toggles it). */
export function CheckSetting(props: { setting: PortalConfigKey; checked: boolean; onChange(v: boolean): void; hint?: ReactNode; error?: string | undefined; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className={`field field-check${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" data-setting-input={props.setting} checked={props.checked} disabled={props.disabled}
          aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(id, props.hint, props.error)}
          onChange={(e) => props.onChange(e.target.checked)} />{' '}
        {t(`portalConfig.fields.${props.setting}`)}
      </label>
      <Describe id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

/**
 * A set of checkboxes (several may be chosen) or radio buttons (one), in a fieldset whose
 * legend names the setting; the error is announced and shown under it.
 */
export function ChoiceSetting<V extends string>(props: {
  setting: PortalConfigKey;
  options: readonly V[];
  label(option: V): string;
  value: V | readonly V[];
  onChange(value: V | V[]): void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const multiple = Array.isArray(props.value);
  const chosen = (o: V) => (multiple ? (props.value as readonly V[]).includes(o) : props.value === o);
  const toggle = (o: V, on: boolean) => {
    if (!multiple) return props.onChange(o);
    const set = new Set(props.value as readonly V[]);
    if (on) set.add(o);
    else set.delete(o);
    props.onChange(props.options.filter((x) => set.has(x)));
  };
  return (
    <fieldset className={`field choice-group${props.error ? ' field-invalid' : ''}`} aria-describedby={describedBy(id, props.hint, props.error)}
      aria-invalid={props.error ? true : undefined} disabled={props.disabled}>
      <legend>{t(`portalConfig.fields.${props.setting}`)}</legend>
      <div className="choices" role={multiple ? undefined : 'radiogroup'}>
        {props.options.map((o, i) => (
          <label key={o}>
            <input type={multiple ? 'checkbox' : 'radio'} name={multiple ? undefined : `${id}-radio`} value={o} checked={chosen(o)}
              data-setting-input={i === 0 ? props.setting : undefined} onChange={(e) => toggle(o, e.target.checked)} />{' '}
            {props.label(o)}
          </label>
        ))}
      </div>
      <Describe id={id} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

export function NumberSetting(props: { setting: PortalConfigKey; value: string; onChange(v: string): void; hint?: ReactNode; error?: string | undefined; min: number; max: number }) {
  const { t } = useTranslation();
  return (
    <Field label={t(`portalConfig.fields.${props.setting}`)} type="number" inputMode="numeric" min={props.min} max={props.max} step={1}
      className="input-number" data-setting-input={props.setting} value={props.value} hint={props.hint} error={props.error}
      onChange={(e) => props.onChange(e.target.value)} />
  );
}

/** A delay in hours or days (seed 003): the amount, then its unit. */
export function DelaySetting(props: { setting: PortalConfigKey; value: DelayDraft; onChange(v: DelayDraft): void; error?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`portalConfig.fields.${props.setting}`);
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="delay-inputs">
        <input id={id} type="number" inputMode="numeric" min={0} step={1} className="input-number" data-setting-input={props.setting}
          value={props.value.amount} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(id, null, props.error)}
          onChange={(e) => props.onChange({ ...props.value, amount: e.target.value })} />
        <select aria-label={`${label}: ${t('portalConfig.units.unit')}`} value={props.value.unit}
          onChange={(e) => props.onChange({ ...props.value, unit: e.target.value as DelayUnit })}>
          <option value="hours">{t('portalConfig.units.hours')}</option>
          <option value="days">{t('portalConfig.units.days')}</option>
        </select>
      </div>
      <Describe id={id} error={props.error} />
    </div>
  );
}
