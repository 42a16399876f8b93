import type { IpcMain, WebContents } from 'electron';
import type { PortalApp } from './app';
import { isTrustedSender } from './security';

export const CALL_CHANNEL = 'portal:call';
export const EVENT_CHANNEL = 'portal:event';

export const clientIdOf = (contents: WebContents) => `ipc:${contents.id}`;

export function registerIpc(ipcMain: IpcMain, portal: PortalApp): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'forbidden', message: 'untrusted sender', key: 'errors.forbidden' } };
    }
    if (typeof method !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'method missing' } };
    return portal.dispatch({ clientId: clientIdOf(event.sender), transport: 'ipc' }, method, input);
  });
}

/** Pushes events for this window's session to its renderer until the window goes away. */
export function attachEvents(portal: PortalApp, contents: WebContents): void {
  const clientId = clientIdOf(contents);
  const detach = portal.app.events.attach(clientId, (event, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
  contents.once('destroyed', () => {
    detach();
    portal.app.sessions.delete(clientId);
  });
}
