import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PortalBridge } from '../common/api/bridge';

/** The renderer's only door to main: `call` a contract method, listen `on` an event. */
const bridge: PortalBridge = {
  call: (method, input) => ipcRenderer.invoke('portal:call', method, input),
  on: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on('portal:event', wrapped);
    return () => void ipcRenderer.removeListener('portal:event', wrapped);
  },
};

contextBridge.exposeInMainWorld('portal', bridge);
