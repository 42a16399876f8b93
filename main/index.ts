import { app, BrowserWindow, ipcMain, session } from 'electron';
import Store from 'electron-store';
import { join } from 'node:path';
import { readLaunchConfig } from './config';
import { attachEvents, registerIpc } from './ipc';
import { launchPortal, type Launched } from './launch';
import { APP_ENTRY, hardenContents, hardenSession, registerAppScheme, serveRenderer, windowOptions } from './security';

/** The Electron shell: composition only. Everything it wires up is tested without Electron. */
interface Prefs {
  bounds?: { x: number; y: number; width: number; height: number };
}

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenContents(contents));

let launched: Launched | undefined;

void app.whenReady().then(async () => {
  const launch = readLaunchConfig(process.argv.slice(1), process.env);
  const prefs = new Store<Prefs>({ name: 'window' });
  launched = await launchPortal(launch, {
    dataDir: launch.dataDir ?? app.getPath('userData'),
    distDir: join(__dirname, '..'),
    appVersion: app.getVersion(),
    ...(process.env.PORTAL_NATIVE_BINDING ? { nativeBinding: process.env.PORTAL_NATIVE_BINDING } : {}),
  });
  const { portal } = launched;
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
  void (launched?.stop() ?? Promise.resolve()).finally(() => app.quit());
});
