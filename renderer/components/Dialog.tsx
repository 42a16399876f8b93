import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, useId, type FormEvent, type ReactNode } from 'react';
import { ScopeContext, useRegistry } from '../app/commands';
import { useReturnFocus } from './useReturnFocus';

interface DialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  description?: ReactNode;
  /** Enter in the dialog submits; return false to keep it open. */
  onSubmit?: () => void | Promise<void>;
  footer?: ReactNode;
  children?: ReactNode;
  wide?: boolean;
  /** Where the focus goes on close, when it should not simply go back where it was (that may be gone). */
  returnFocus?: () => HTMLElement | null;
}

/**
 * Modal dialog: focus is trapped inside, Esc cancels, Enter submits, and while it is open only
 * its own commands (Alt+letter mnemonics) answer the keyboard.
 */
export function Dialog({ open, onClose, title, description, onSubmit, footer, children, wide, returnFocus }: DialogProps) {
  const scope = `dialog:${useId()}`;
  useEffect(() => {
    if (!open) return;
    useRegistry.getState().pushDialog(scope);
    return () => useRegistry.getState().popDialog(scope);
  }, [open, scope]);
  const onCloseAutoFocus = useReturnFocus(open, returnFocus);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit?.();
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={(o) => (o ? undefined : onClose())}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className={`dialog${wide ? ' dialog-wide' : ''}`} onCloseAutoFocus={onCloseAutoFocus} {...(description ? {} : { 'aria-describedby': undefined })}>
          <ScopeContext.Provider value={scope}>
            <form onSubmit={submit} noValidate>
              <RadixDialog.Title className="dialog-title">{title}</RadixDialog.Title>
              {description ? <RadixDialog.Description className="dialog-description">{description}</RadixDialog.Description> : null}
              <div className="dialog-body">{children}</div>
              {footer ? <div className="dialog-footer">{footer}</div> : null}
            </form>
          </ScopeContext.Provider>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
