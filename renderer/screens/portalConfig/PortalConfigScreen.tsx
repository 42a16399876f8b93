import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryKey, PortalConfig } from '../../../common/api/settings';
import type { ApiError } from '../../../common/result';
import { PORTAL_CONFIG_KEYS, type PortalConfigKey } from '../../../common/settings';
import { call } from '../../api';
import { useCommands } from '../../app/commands';
import { CommandButton } from '../../components/CommandButton';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { errorText } from '../../i18n';
import { checkDraft, dirtyKeys, isDelayKey, toDraft, type Draft } from './draft';
import { HistoryDialog } from './HistoryDialog';
import { SwitchDialog } from './PortalSwitch';
import { Sections } from './Sections';

type Errors = Partial<Record<PortalConfigKey, string>>;

const isConfigKey = (field: string | undefined): field is PortalConfigKey => (PORTAL_CONFIG_KEYS as readonly string[]).includes(field ?? '');

/** Seed 003 "Patient Portal Configuration" for staff with "Manage Patient Portal". */
export default function PortalConfigScreen() {
  const { t } = useTranslation();
  const [config, setConfig] = useState<PortalConfig | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [history, setHistory] = useState<HistoryKey | null>(null);
  const [switching, setSwitching] = useState(false);

  const load = (c: PortalConfig) => {
    setConfig(c);
    setDraft(toDraft(c.values));
    setErrors({});
  };
  useEffect(() => {
    void call('settings.get', {}).then((r) => (r.ok ? load(r.value) : setFormError(errorText(t, r.error))));
    // loads once; the language may change without a reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const dirty = draft && config ? dirtyKeys(draft, config.values) : [];

  /** A delay entered in days is refused in days, not in the hours it is stored in. */
  const messageOf = (key: PortalConfigKey, e: ApiError) =>
    isDelayKey(key) && draft?.[key].unit === 'days' && e.key === 'errors.tooLarge' ? t('portalConfig.errors.maxDays', { max: 90 }) : errorText(t, e);

  const focusSetting = (key: PortalConfigKey) => document.querySelector<HTMLElement>(`[data-setting-input="${key}"]`)?.focus();

  const save = async () => {
    if (!draft || !config || busy) return;
    setFormError(undefined);
    const check = checkDraft(draft, config.values);
    const invalid = PORTAL_CONFIG_KEYS.filter((k) => check.errors[k]);
    if (invalid.length) {
      setErrors(Object.fromEntries(invalid.map((k) => [k, messageOf(k, check.errors[k] as ApiError)])));
      setStatus(t('portalConfig.fixFirst'));
      focusSetting(invalid[0] as PortalConfigKey);
      return;
    }
    if (!check.changed.length) return setStatus(t('portalConfig.nothingToSave'));
    setBusy(true);
    const changes = Object.fromEntries(check.changed.map((k) => [k, check.next[k]]));
    const r = await call('settings.save', { changes, ...(reason.trim() ? { reason } : {}) });
    setBusy(false);
    if (r.ok) {
      load(r.value);
      setReason('');
      setStatus(t('portalConfig.saved', { count: r.value.changed.length }));
    } else if (isConfigKey(r.error.field)) {
      setErrors({ [r.error.field]: messageOf(r.error.field, r.error) });
      setStatus(t('portalConfig.fixFirst'));
      focusSetting(r.error.field);
    } else setFormError(errorText(t, r.error));
  };

  const set = <K extends PortalConfigKey>(key: K, value: Draft[K]) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setErrors(({ [key]: _drop, ...rest }) => rest as Errors);
    setStatus('');
  };

  const historyOfFocused = () => {
    const key = document.activeElement?.closest('[data-setting]')?.getAttribute('data-setting');
    if (key && isConfigKey(key)) setHistory(key);
    else if (document.activeElement?.closest('[data-setting-switch]')) setHistory('portal.enabled');
    else setStatus(t('portalConfig.history.pick'));
  };

  const enabled = config?.enabled ?? false;
  useCommands([
    { id: 'portalConfig.save', label: t('portalConfig.commands.save'), shortcut: 'Alt+S', permission: 'portal.manage', disabled: !draft, run: () => void save() },
    { id: 'portalConfig.revert', label: t('portalConfig.commands.revert'), shortcut: 'Alt+R', permission: 'portal.manage', disabled: dirty.length === 0,
      run: () => config && load(config) },
    { id: 'portalConfig.history', label: t('portalConfig.commands.history'), shortcut: 'Alt+H', permission: 'portal.manage', run: historyOfFocused },
    { id: 'portalConfig.switch', label: t(enabled ? 'portalConfig.switch.disable' : 'portalConfig.switch.enable'), shortcut: enabled ? 'Alt+D' : 'Alt+E',
      permission: 'portal.manage', disabled: !config, run: () => setSwitching(true) },
  ]);

  return (
    <div className="screen portal-config">
      <h1>{t('portalConfig.title')}</h1>
      <FormError message={formError} />
      {config && draft ? (
        <>
          <section className="portal-switch" aria-labelledby="pc-switch" data-setting-switch>
            <h2 id="pc-switch">{t('portalConfig.switch.label')}</h2>
            <p className={`badge ${enabled ? 'badge-on' : 'badge-off'}`} role="status">{t(enabled ? 'portalConfig.switch.enabled' : 'portalConfig.switch.disabled')}</p>
            <CommandButton command="portalConfig.switch" variant={enabled ? 'secondary' : 'primary'} />
            <button type="button" className="btn btn-ghost" aria-label={t('portalConfig.history.buttonLabel', { setting: t('portalConfig.fields.portal.enabled') })}
              onClick={() => setHistory('portal.enabled')}>{t('portalConfig.history.button')}</button>
          </section>
          {!enabled ? <p className="banner-warn">{t('portalConfig.switch.disabledBanner')}</p> : null}
          <form className="settings-form" noValidate aria-label={t('portalConfig.title')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
            <Sections draft={draft} errors={errors} set={set} onHistory={setHistory} />
            <div className="settings-actions">
              <Field label={t('portalConfig.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
              <div className="settings-buttons">
                <CommandButton command="portalConfig.save" variant="primary" disabled={busy} />
                <CommandButton command="portalConfig.revert" />
                <span role="status" className="muted">
                  {status || (dirty.length ? t('portalConfig.unsaved', { count: dirty.length }) : '')}
                </span>
              </div>
            </div>
          </form>
        </>
      ) : !formError ? <p className="muted">{t('common.loading')}</p> : null}
      <HistoryDialog setting={history} onClose={() => setHistory(null)} />
      <SwitchDialog open={switching} enabled={enabled} onClose={() => setSwitching(false)}
        onDone={(c) => {
          setSwitching(false);
          setConfig((old) => (old ? { ...old, enabled: c.enabled } : c));
          setStatus(t(c.enabled ? 'portalConfig.switch.turnedOn' : 'portalConfig.switch.turnedOff'));
        }} />
    </div>
  );
}
