import { useLayoutEffect, useRef } from 'react';

/**
 * Radix gives focus back only to a Dialog.Trigger on close. Our dialogs open from commands and
 * keys, not triggers, so without this the focus fell to <body> and keyboard users lost their
 * place. Pass the returned handler as the content's `onCloseAutoFocus`.
 */
export function useReturnFocus(open: boolean, override?: () => HTMLElement | null): (event: Event) => void {
  const previous = useRef<HTMLElement | null>(null);
  // a layout effect runs before Radix moves the focus into the dialog (a passive effect)
  useLayoutEffect(() => {
    if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
      previous.current = document.activeElement;
    }
  }, [open]);
  return (event) => {
    // a dialog whose opener may have been replaced while it was open names where focus belongs
    const target = override?.() ?? previous.current;
    previous.current = null;
    if (target?.isConnected) {
      event.preventDefault();
      target.focus();
    }
  };
}
