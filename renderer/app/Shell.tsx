import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { CommandButton } from '../components/CommandButton';
import { currentLanguage, setLanguage } from '../i18n';
import { LoginRequestCount } from '../screens/loginRequests/LoginRequestCount';
import PatientHeader from '../screens/patients/PatientHeader';
import { can, useSession } from '../state/session';
import { useUi } from '../state/ui';
import { ScopeContext, useCommands, useRegistry } from './commands';
import { Palette } from './Palette';
import { SCREEN_COMPONENTS } from './routes';
import { SCREEN_ACCESS, SCREEN_IDS } from './screens';
import { ShortcutsHelp } from './ShortcutsHelp';
import { ConflictCount, SyncIndicator } from './SyncIndicator';

export function Shell() {
  const { t } = useTranslation();
  const state = useSession((s) => s.state);
  const setSession = useSession((s) => s.set);
  const screen = useUi((s) => s.screen);
  const go = useUi((s) => s.go);
  const patientId = useUi((s) => s.patientId);
  const ui = useUi.getState;

  const allowed = SCREEN_IDS.filter((id) => can(SCREEN_ACCESS[id].permission, state));
  const current = allowed.includes(screen) ? screen : allowed[0];
  useEffect(() => {
    if (current && current !== screen) go(current);
    useRegistry.getState().setScreen(current ?? 'global');
  }, [current, screen, go]);

  useCommands([
    { id: 'shell.palette', label: t('shell.commands.palette'), shortcut: 'Ctrl+K', inInputs: true, hidden: true, run: () => ui().setPalette(true) },
    { id: 'shell.shortcuts', label: t('shell.commands.shortcuts'), shortcut: '?', run: () => ui().setShortcuts(true) },
    {
      id: 'shell.language',
      label: t('shell.commands.language'),
      run: () => setLanguage(currentLanguage() === 'da' ? 'en' : 'da'),
    },
    {
      id: 'shell.lock',
      label: t('shell.commands.lock'),
      shortcut: 'Ctrl+Shift+L',
      inInputs: true,
      run: async () => {
        const r = await call('auth.lock', {});
        if (r.ok) setSession(r.value);
      },
    },
    {
      id: 'shell.signOut',
      label: t('shell.commands.signOut'),
      run: async () => {
        const r = await call('auth.signOut', {});
        if (r.ok) {
          ui().openPatient(null);
          setSession(r.value);
        }
      },
    },
    ...allowed.map((id) => ({
      id: `goto.${id}`,
      label: t('shell.commands.goto', { screen: t(`shell.screens.${id}`) }),
      shortcut: SCREEN_ACCESS[id].keys,
      group: 'screens' as const,
      permission: SCREEN_ACCESS[id].permission,
      run: () => go(id),
    })),
  ]);

  const Screen = current ? SCREEN_COMPONENTS[current] : null;
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <strong>{t('common.appName')}</strong>
          <span className="clinic">{state?.clinic?.name}</span>
          {state?.demo ? <span className="badge badge-demo">{t('shell.demoBanner')}</span> : null}
        </div>
        <div className="topbar-actions">
          <SyncIndicator />
          <span className="muted">{t('shell.signedInAs', { name: state?.staff?.displayName })}</span>
          <button type="button" className="btn btn-ghost" lang={currentLanguage() === 'da' ? 'en' : 'da'} aria-label={t('shell.switchLanguageLabel')} onClick={() => setLanguage(currentLanguage() === 'da' ? 'en' : 'da')}>
            {t('shell.switchLanguage')}
          </button>
          <CommandButton command="shell.lock" variant="secondary" />
          <CommandButton command="shell.signOut" variant="secondary" />
        </div>
      </header>
      <nav className="sidebar" aria-label={t('shell.nav')}>
        <ul>
          {allowed.map((id) => (
            <li key={id}>
              <button
                type="button"
                className={`nav-item${id === current ? ' is-current' : ''}`}
                aria-current={id === current ? 'page' : undefined}
                onClick={() => go(id)}
              >
                <span>{t(`shell.screens.${id}`)}</span>
                {id === 'conflicts' ? <ConflictCount /> : null}
                {id === 'loginRequests' ? <LoginRequestCount /> : null}
                <kbd>{SCREEN_ACCESS[id].keys}</kbd>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        {patientId && can('patient.read', state) ? <PatientHeader patientId={patientId} /> : null}
        <ScopeContext.Provider value={current ?? 'global'}>
          <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
            {Screen ? <Screen key={current} /> : null}
          </Suspense>
        </ScopeContext.Provider>
      </main>
      <Palette />
      <ShortcutsHelp />
    </div>
  );
}
