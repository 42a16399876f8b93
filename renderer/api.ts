import type { InputOf, MethodName, ResultOf } from '../common/api';
import type { PortalBridge } from '../common/api/bridge';
import type { EventName, PortalEvents } from '../common/api/events';
import type { Result } from '../common/result';

declare global {
  interface Window {
    portal?: PortalBridge;
  }
}

/**
 * The transport: Electron's preload bridge when present, otherwise the browser host over HTTP
 * with the per-launch token (taken from the URL fragment once, then kept for this tab only).
 */
function httpBridge(): PortalBridge {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('portal.token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem('portal.token') ?? '';
  let clientId: Promise<string> | undefined;
  const connect = (fresh = false) => {
    if (fresh || !clientId) {
      clientId = fetch('/api/connect', { method: 'POST', headers: { 'x-portal-token': token } }).then(async (r) => {
        if (!r.ok) throw new Error(`connect ${r.status}`);
        return ((await r.json()) as { clientId: string }).clientId;
      });
    }
    return clientId;
  };
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let streaming = false;

  async function stream(): Promise<void> {
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      try {
        const res = await fetch('/api/events', { headers: { 'x-portal-token': token, 'x-portal-client': await connect() } });
        if (!res.ok || !res.body) throw new Error(`events ${res.status}`);
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) listeners.get(event)?.forEach((fn) => fn(JSON.parse(data)));
          }
        }
      } catch {
        // the host restarted or the network blipped: reconnect below
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  return {
    async call(method, input) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await fetch('/api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-portal-token': token, 'x-portal-client': await connect(attempt > 0) },
          body: JSON.stringify({ method, input }),
        });
        if (res.status === 401 && attempt === 0) continue;
        if (!res.ok) return { ok: false, error: { code: 'internal', message: `HTTP ${res.status}`, key: 'errors.network' } };
        return (await res.json()) as Result<unknown>;
      }
      return { ok: false, error: { code: 'unauthenticated', message: 'no valid token', key: 'errors.unauthenticated' } };
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => void set.delete(listener as (p: unknown) => void);
    },
  };
}

const bridge: PortalBridge = window.portal ?? httpBridge();
const failureListeners = new Set<(r: Result<unknown>) => void>();

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<ResultOf<M>>> {
  let result: Result<unknown>;
  try {
    result = await bridge.call(method, input);
  } catch {
    result = { ok: false, error: { code: 'internal', message: 'transport failed', key: 'errors.network' } };
  }
  if (!result.ok) failureListeners.forEach((fn) => fn(result));
  return result as Result<ResultOf<M>>;
}

/** Like `call`, for screens that only show the value: throws the ApiError on failure. */
export async function fetchValue<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  const r = await call(method, input);
  if (!r.ok) throw r.error;
  return r.value;
}

export function on<E extends EventName>(event: E, fn: (payload: PortalEvents[E]) => void): () => void {
  return bridge.on(event, fn);
}

export function onFailure(fn: (r: Result<unknown>) => void): () => void {
  failureListeners.add(fn);
  return () => void failureListeners.delete(fn);
}
