import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron cannot run here; this stands in for its API surface and records what the shell does. */
const m = vi.hoisted(() => {
  const handlers: Record<string, (...a: unknown[]) => unknown> = {};
  const appListeners: Record<string, (...a: unknown[]) => unknown> = {};
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const windows: Array<{ options: Record<string, unknown>; url?: string; contents: Record<string, unknown> }> = [];
  return {
    handlers,
    appListeners,
    windows,
    ready,
    fireReady: () => readyResolve(),
    exposed: {} as Record<string, unknown>,
    protocolPrivileges: [] as unknown[],
    protocolHandlers: {} as Record<string, (req: { url: string }) => Promise<Response>>,
    opened: [] as string[],
  };
});

vi.mock('electron', () => {
  const webContents = () => {
    const listeners: Record<string, (...a: unknown[]) => void> = {};
    return {
      id: 7,
      listeners,
      on: (e: string, fn: (...a: unknown[]) => void) => void (listeners[e] = fn),
      once: (e: string, fn: (...a: unknown[]) => void) => void (listeners[e] = fn),
      setWindowOpenHandler: (fn: unknown) => void (listeners.windowOpen = fn as never),
      isDestroyed: () => false,
      send: vi.fn(),
    };
  };
  class BrowserWindow {
    webContents = webContents();
    constructor(public options: Record<string, unknown>) {
      m.windows.push({ options, contents: this.webContents });
    }
    once() {}
    on() {}
    getBounds() {
      return { x: 0, y: 0, width: 1, height: 1 };
    }
    loadURL(url: string) {
      const w = m.windows.find((x) => x.options === this.options);
      if (w) w.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      on: (e: string, fn: () => void) => void (m.appListeners[e] = fn),
      whenReady: () => m.ready,
      getPath: () => '/tmp/portal-desk-electron-test',
      getVersion: () => '0.0.0-test',
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...a: unknown[]) => unknown) => void (m.handlers[channel] = fn) },
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (m.exposed[key] = api) },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => void m.protocolPrivileges.push(...list),
      handle: (scheme: string, fn: (req: { url: string }) => Promise<Response>) => void (m.protocolHandlers[scheme] = fn),
    },
    net: { fetch: vi.fn(async () => new Response('<html></html>', { status: 200 })) },
    shell: { openExternal: vi.fn(async (url: string) => void m.opened.push(url)) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
  };
});

vi.mock('electron-store', () => ({ default: class { get() { return undefined; } set() {} } }));
vi.mock('../../main/sync/embedded', () => ({
  startEmbeddedHub: vi.fn(async () => ({ url: 'http://127.0.0.1:1', bootstrapCode: null, stop: async () => {} })),
}));
vi.mock('../../main/app', () => ({
  createPortalApp: vi.fn(() => ({
    app: { events: { attach: () => () => {} }, sessions: { delete: vi.fn() } },
    dispatch: vi.fn(async () => ({ ok: true, value: 'dispatched' })),
    close: vi.fn(),
  })),
}));

const electron = await import('electron');
const security = await import('../../main/security');
const { registerIpc } = await import('../../main/ipc');

type Frame = { url: string };
const frame = (url: string): Frame => ({ url });

describe('window hardening', () => {
  it('isolates the renderer: context isolation, sandbox, no Node anywhere, web security on', () => {
    const prefs = security.windowOptions('/x/preload.cjs').webPreferences ?? {};
    expect(prefs).toMatchObject({
      preload: '/x/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies every navigation, redirect and webview', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, ...a: unknown[]) => void> = {};
    const contents = {
      on: (e: string, fn: never) => void (listeners[e] = fn),
      setWindowOpenHandler: vi.fn(),
    };
    security.hardenContents(contents as never);
    for (const e of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners[e]?.(event, 'https://evil.example');
      expect(event.preventDefault, e).toHaveBeenCalled();
    }
  });

  it('denies window.open; only validated http(s) links go to the system browser', () => {
    let openHandler: (d: { url: string }) => { action: string } = () => ({ action: '' });
    security.hardenContents({ on: vi.fn(), setWindowOpenHandler: (fn: never) => (openHandler = fn) } as never);
    const links = ['https://www.sundhed.dk/', 'http://example.com/help', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@evil.example/', 'smb://server/share', 'not a url'];
    for (const url of links) expect(openHandler({ url })).toEqual({ action: 'deny' });
    expect(m.opened).toEqual(['https://www.sundhed.dk/', 'http://example.com/help']);
  });

  it('refuses every permission request and check, and sets the CSP on responses', () => {
    const ses = electron.session.defaultSession;
    security.hardenSession(ses as never);
    const request = vi.mocked(ses.setPermissionRequestHandler).mock.calls[0]?.[0] as unknown as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const cb = vi.fn();
      request({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = vi.mocked(ses.setPermissionCheckHandler).mock.calls[0]?.[0] as unknown as () => boolean;
    expect(check()).toBe(false);
    const onHeaders = vi.mocked(ses.webRequest.onHeadersReceived).mock.calls[0]?.[0] as unknown as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    let headers: Record<string, string[]> = {};
    onHeaders({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/script-src 'self'/);
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/default-src 'none'/);
  });

  it('trusts IPC only from our own page in the main frame', () => {
    const main = frame(security.APP_ENTRY);
    expect(security.isTrustedSender({ sender: { mainFrame: main }, senderFrame: main } as never)).toBe(true);
    const sub = frame(security.APP_ENTRY);
    expect(security.isTrustedSender({ sender: { mainFrame: main }, senderFrame: sub } as never)).toBe(false);
    const foreign = frame('https://evil.example/');
    expect(security.isTrustedSender({ sender: { mainFrame: foreign }, senderFrame: foreign } as never)).toBe(false);
    expect(security.isTrustedSender({ sender: { mainFrame: main }, senderFrame: null } as never)).toBe(false);
  });

  it('the IPC handler answers forbidden to an untrusted sender and dispatches for a trusted one', async () => {
    const dispatch = vi.fn(async () => ({ ok: true, value: 1 }));
    registerIpc(electron.ipcMain, { dispatch } as never);
    const handler = m.handlers['portal:call'] as (...a: unknown[]) => Promise<unknown>;
    const foreign = frame('https://evil.example/');
    expect(await handler({ sender: { id: 1, mainFrame: foreign }, senderFrame: foreign }, 'session.state', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
    const main = frame(security.APP_ENTRY);
    expect(await handler({ sender: { id: 3, mainFrame: main }, senderFrame: main }, 'session.state', {})).toEqual({ ok: true, value: 1 });
    expect(dispatch).toHaveBeenCalledWith({ clientId: 'ipc:3', transport: 'ipc' }, 'session.state', {});
  });

  it('serves the renderer from app://portal with the CSP, and nothing outside its folder', async () => {
    security.serveRenderer('/opt/portal/renderer');
    const handle = m.protocolHandlers.app as (r: { url: string }) => Promise<Response>;
    const ok = await handle({ url: 'app://portal/index.html' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect((await handle({ url: 'app://portal/..%2f..%2fetc%2fpasswd' })).status).toBe(404);
    expect((await handle({ url: 'app://portal/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(200); // URL parsing folds it to /etc/passwd inside the folder
    const fetched = vi.mocked(electron.net.fetch).mock.calls.map((c) => String(c[0]));
    expect(fetched.every((u) => u.startsWith('file:///opt/portal/renderer/'))).toBe(true);
    expect((await handle({ url: 'app://other/index.html' })).status).toBe(404);
  });
});

describe('preload', () => {
  beforeEach(() => vi.resetModules());
  it('exposes only call and on, as window.portal', async () => {
    await import('../../preload/index');
    expect(Object.keys(m.exposed)).toEqual(['portal']);
    expect(Object.keys(m.exposed.portal as object).sort()).toEqual(['call', 'on']);
  });
});

describe('the Electron entry point', () => {
  it('registers the app scheme, hardens every web contents, and opens one hardened window on app://portal', async () => {
    await import('../../main/index');
    expect(m.protocolPrivileges).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(typeof m.appListeners['web-contents-created']).toBe('function');
    m.fireReady();
    await m.ready;
    await new Promise((r) => setTimeout(r, 10));
    expect(m.windows).toHaveLength(1);
    const win = m.windows[0];
    expect(win?.url).toBe('app://portal/index.html');
    expect(win?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((win?.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(typeof m.handlers['portal:call']).toBe('function');
    // no --hub given: the demo's own hub starts beside the window, on the app's data directory
    const { startEmbeddedHub } = await import('../../main/sync/embedded');
    expect(vi.mocked(startEmbeddedHub)).toHaveBeenCalledWith(expect.objectContaining({
      hubEntry: expect.stringMatching(/hub[/\\]cli\.mjs$/),
      dataDir: expect.stringMatching(/portal-desk-electron-test[/\\]hub$/),
    }));
  });
});
