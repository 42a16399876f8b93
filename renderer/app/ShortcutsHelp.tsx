import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { can } from '../state/session';
import { useUi } from '../state/ui';
import { type RegisteredCommand, useRegistry } from './commands';

function List({ title, commands }: { title: string; commands: RegisteredCommand[] }) {
  if (!commands.length) return null;
  return (
    <section>
      <h3>{title}</h3>
      <dl className="shortcut-list">
        {commands.map((c) => (
          <div key={c.id}>
            <dt>
              <kbd>{c.shortcut}</kbd>
            </dt>
            <dd>{c.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** "?": the shortcuts of the current screen, then the ones that work everywhere. */
export function ShortcutsHelp() {
  const { t } = useTranslation();
  const open = useUi((s) => s.shortcutsOpen);
  const setOpen = useUi((s) => s.setShortcuts);
  const commands = useRegistry((s) => s.commands);
  const screen = useRegistry((s) => s.screen);
  const withKeys = Object.values(commands).filter((c) => c.shortcut && can(c.permission));
  return (
    <Dialog open={open} onClose={() => setOpen(false)} title={t('shell.shortcuts.title')} description={t('shell.shortcuts.intro')} wide>
      <List title={t('shell.shortcuts.here')} commands={withKeys.filter((c) => c.scope === screen)} />
      <section>
        <h3>{t('shell.shortcuts.table')}</h3>
        <p>{t('shell.shortcuts.tableKeys')}</p>
      </section>
      <List title={t('shell.shortcuts.everywhere')} commands={withKeys.filter((c) => c.scope === 'global')} />
    </Dialog>
  );
}
