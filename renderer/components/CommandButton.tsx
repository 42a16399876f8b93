import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { useRegistry } from '../app/commands';
import { useCan } from '../state/session';

/** Underlines the mnemonic letter of an Alt+letter shortcut in the label ("Create" with Alt+C). */
export function MnemonicLabel({ label, shortcut }: { label: string; shortcut?: string | undefined }): ReactNode {
  const letter = shortcut?.startsWith('Alt+') && shortcut.length === 5 ? shortcut.slice(4) : null;
  const at = letter ? label.toUpperCase().indexOf(letter) : -1;
  if (!letter || at < 0) return label;
  // one inline box: as separate flex items the parts got the button's gap between them, on screen and in the accessible name
  return (
    <span>
      {label.slice(0, at)}
      <span className="mnemonic">{label[at]}</span>
      {label.slice(at + 1)}
    </span>
  );
}

/** Whether the Alt+letter can be underlined in the label; when it cannot ("New code", Alt+K) the key is shown instead. */
function hasMnemonic(label: string, shortcut: string): boolean {
  return shortcut.length === 5 && label.toUpperCase().includes(shortcut.slice(4));
}

/** The visible button of a registered command: same label, same shortcut, same permission. */
export function CommandButton({
  command,
  variant = 'secondary',
  ...rest
}: { command: string; variant?: 'primary' | 'secondary' | 'danger' } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'>) {
  const c = useRegistry((s) => s.commands[command]);
  const allowed = useCan(c?.permission);
  if (!c || !allowed) return null;
  const letterShortcut = c.shortcut && !c.shortcut.includes(' ') ? c.shortcut : undefined;
  return (
    <button
      type="button"
      className={`btn btn-${variant}`}
      disabled={c.disabled}
      aria-keyshortcuts={letterShortcut}
      title={c.shortcut ? `${c.label} (${c.shortcut})` : c.label}
      onClick={() => c.run()}
      {...rest}
    >
      {/* one flex item: the button's gap must not split the word at its mnemonic */}
      <span>
        <MnemonicLabel label={c.label} shortcut={c.shortcut} />
      </span>
      {c.shortcut && !(c.shortcut.startsWith('Alt+') && hasMnemonic(c.label, c.shortcut)) ? <kbd className="btn-kbd">{c.shortcut}</kbd> : null}
    </button>
  );
}
