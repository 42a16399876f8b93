import * as RadixDialog from '@radix-ui/react-dialog';
import { Command as Cmdk, defaultFilter } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../components/useReturnFocus';
import { can } from '../state/session';
import { useUi } from '../state/ui';
import { activeScopes, type RegisteredCommand, useRegistry } from './commands';

const PALETTE_SCOPE = 'palette';
/** What the palette matches typing against: the label, and the id for those who know it. */
const itemValue = (c: RegisteredCommand) => `${c.label} ${c.id}`;

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
  const [search, setSearch] = useState('');
  useEffect(() => {
    if (open) setSearch('');
  }, [open]);
  // cmdk sorts the items inside a group but cannot sort the groups themselves (it looks a group
  // up by an id it never writes), which left Actions first even when "go to" matched a screen
  // far better, so Enter signed out: order the groups here, with cmdk's own scores
  const groups = useMemo(() => {
    const list: Array<{ key: string; heading: string; items: RegisteredCommand[] }> = [
      { key: 'actions', heading: t('shell.palette.groupActions'), items: visible.filter((c) => c.group !== 'screens') },
      { key: 'screens', heading: t('shell.palette.groupScreens'), items: visible.filter((c) => c.group === 'screens') },
    ];
    if (!search.trim()) return list;
    const best = (items: RegisteredCommand[]) => Math.max(0, ...items.map((c) => defaultFilter(itemValue(c), search)));
    return list.map((g) => ({ ...g, score: best(g.items) })).sort((a, b) => b.score - a.score);
  }, [visible, search, t]);

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
            <Cmdk.Input placeholder={t('shell.palette.placeholder')} aria-label={t('shell.palette.placeholder')} value={search} onValueChange={setSearch} />
            <Cmdk.List>
              <Cmdk.Empty>{t('shell.palette.empty')}</Cmdk.Empty>
              {groups.map((g) =>
                g.items.length ? (
                  <Cmdk.Group key={g.key} heading={g.heading}>
                    {g.items.map((c) => (
                      <Cmdk.Item key={c.id} value={itemValue(c)} onSelect={() => runAndClose(c.id)}>
                        <span>{c.label}</span>
                        {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
                      </Cmdk.Item>
                    ))}
                  </Cmdk.Group>
                ) : null,
              )}
            </Cmdk.List>
          </Cmdk>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
