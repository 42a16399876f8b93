import * as RadixDialog from '@radix-ui/react-dialog';
import { Command as Cmdk } from 'cmdk';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../components/useReturnFocus';
import { can } from '../state/session';
import { useUi } from '../state/ui';
import { activeScopes, useRegistry } from './commands';

const PALETTE_SCOPE = 'palette';

/** Ctrl+K: every command that applies here, searchable by name, with its shortcut shown. */
export function Palette() {
  const { t } = useTranslation();
  const open = useUi((s) => s.paletteOpen);
  const setPalette = useUi((s) => s.setPalette);
  const commands = useRegistry((s) => s.commands);
  const screen = useRegistry((s) => s.screen);
  const dialogs = useRegistry((s) => s.dialogs);

  useEffect(() => {
    if (!open) return;
    useRegistry.getState().pushDialog(PALETTE_SCOPE);
    return () => useRegistry.getState().popDialog(PALETTE_SCOPE);
  }, [open]);

  const visible = useMemo(() => {
    const scopes = activeScopes({ screen, dialogs: dialogs.filter((d) => d !== PALETTE_SCOPE) });
    return Object.values(commands).filter((c) => scopes.includes(c.scope) && !c.hidden && !c.disabled && can(c.permission));
  }, [commands, screen, dialogs]);
  const screens = visible.filter((c) => c.group === 'screens');
  const actions = visible.filter((c) => c.group !== 'screens');

  const returnFocus = useReturnFocus(open);
  const chosen = useRef<string | null>(null);
  // the chosen command runs once the palette has closed and given the focus back, so a command
  // that moves the focus (Alt+S to the search box) is not undone by that return
  const onClosed = (event: Event) => {
    returnFocus(event);
    const id = chosen.current;
    chosen.current = null;
    if (id) useRegistry.getState().commands[id]?.run();
  };
  const runAndClose = (id: string) => {
    chosen.current = id;
    setPalette(false);
  };

  return (
    // cmdk's own Dialog cannot pass onCloseAutoFocus to its content, so the Radix parts are ours
    <RadixDialog.Root open={open} onOpenChange={setPalette}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="palette" aria-describedby={undefined} onCloseAutoFocus={onClosed}>
          <RadixDialog.Title className="sr-only">{t('shell.palette.open')}</RadixDialog.Title>
          <Cmdk label={t('shell.palette.open')}>
            <Cmdk.Input placeholder={t('shell.palette.placeholder')} aria-label={t('shell.palette.placeholder')} />
            <Cmdk.List>
              <Cmdk.Empty>{t('shell.palette.empty')}</Cmdk.Empty>
              {actions.length ? (
                <Cmdk.Group heading={t('shell.palette.groupActions')}>
                  {actions.map((c) => (
                    <Cmdk.Item key={c.id} value={`${c.label} ${c.id}`} onSelect={() => runAndClose(c.id)}>
                      <span>{c.label}</span>
                      {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
                    </Cmdk.Item>
                  ))}
                </Cmdk.Group>
              ) : null}
              <Cmdk.Group heading={t('shell.palette.groupScreens')}>
                {screens.map((c) => (
                  <Cmdk.Item key={c.id} value={`${c.label} ${c.id}`} onSelect={() => runAndClose(c.id)}>
                    <span>{c.label}</span>
                    {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
                  </Cmdk.Item>
                ))}
              </Cmdk.Group>
            </Cmdk.List>
          </Cmdk>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
