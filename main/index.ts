import { app, BrowserWindow, ipcMain, session } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { createPortalApp, type PortalApp } from './app';
import { readLaunchConfig } from './config';
import { attachEvents, registerIpc } from './ipc';
import { SCRYPT_DEFAULT } from './passwords';
import { APP_ENTRY, hardenContents, hardenSession, registerAppScheme, serveRenderer, windowOptions } from './security';

/** The Electron shell: composition only. Everything it wires up is tested without Electron. */
interface Prefs {
  bounds?: { x: number; y: number; width: number; height: number };
}

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenContents(contents));

let portal: PortalApp | undefined;

void app.whenReady().then(() => {
  const launch = readLaunchConfig(process.argv.slice(1), process.env);
  const prefs = new Store<Prefs>({ name: 'window' });
  portal = createPortalApp(
    {
      dataDir: launch.dataDir ?? app.getPath('userData'),
      appVersion: app.getVersion(),
      scrypt: SCRYPT_DEFAULT,
      ...(launch.idleLockSeconds !== undefined ? { idleLockSeconds: launch.idleLockSeconds } : {}),
    },
    process.env.PORTAL_NATIVE_BINDING ? { open: { nativeBinding: process.env.PORTAL_NATIVE_BINDING } } : {},
  );
  hardenSession(session.defaultSession);
  serveRenderer(join(__dirname, '..', 'renderer'));
  registerIpc(ipcMain, portal);

  const win = new BrowserWindow({ ...windowOptions(join(__dirname, '..', 'preload', 'index.cjs')), ...prefs.get('bounds') });
  attachEvents(portal, win.webContents);
  win.once('ready-to-show', () => win.show());
  win.on('close', () => prefs.set('bounds', win.getBounds()));
  void win.loadURL(APP_ENTRY);
});

app.on('window-all-closed', () => {
  portal?.close();
  app.quit();
});
