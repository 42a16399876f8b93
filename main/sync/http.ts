import type { HelloResponse, SnapshotLine } from '../../common/sync/protocol';
import { TransportError, type EnrollRequest, type EnrollResponse, type SyncTransport } from './transport';

const TIMEOUT_MS = 20_000;

export interface HttpTransportOptions {
  /** How long a request may take, and how long a snapshot stream may stay silent. Tests shorten it. */
  timeoutMs?: number;
}

/** The real transport: JSON over HTTP(S) to the hub's /sync/v1, authenticated per workstation. */
export function httpTransport(baseUrl: string, credential: () => { clientId: string; secret: string } | null, opts: HttpTransportOptions = {}): SyncTransport {
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const url = (path: string) => new URL(`/sync/v1/${path}`, baseUrl).toString();
  const headers = (): Record<string, string> => {
    const c = credential();
    return { 'content-type': 'application/json', ...(c ? { authorization: `Bearer ${c.clientId}.${c.secret}` } : {}) };
  };

  async function post<T>(path: string, body: unknown, accept: number[] = [200]): Promise<{ status: number; body: T }> {
    let res: Response;
    try {
      res = await fetch(url(path), { method: 'POST', headers: headers(), body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new TransportError(`hub not reachable (${err instanceof Error ? err.message : String(err)})`);
    }
    if (!accept.includes(res.status)) {
      const text = await res.text().catch(() => '');
      throw new TransportError(`hub answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status);
    }
    try {
      return { status: res.status, body: (await res.json()) as T };
    } catch {
      throw new TransportError('the hub\'s answer was cut off');
    }
  }

  return {
    async enroll(req: EnrollRequest) {
      return (await post<EnrollResponse>('enroll', req)).body;
    },
    async hello() {
      return (await post<HelloResponse>('hello', {})).body;
    },
    async push(mutations) {
      return (await post('push', { mutations }, [200, 409])) as never;
    },
    async pull(req) {
      return (await post('pull', req, [200, 410])) as never;
    },
    async *snapshot(): AsyncIterable<SnapshotLine> {
      // a snapshot of a big clinic takes as long as it takes, but a silent one has stalled (a
      // connection the network black-holed): without this the sync loop would wait for it forever.
      // Time the caller spends applying rows is not silence.
      const controller = new AbortController();
      let heardAt = Date.now();
      let applying = false;
      const watchdog = setInterval(() => {
        if (!applying && Date.now() - heardAt > timeoutMs) controller.abort(new TransportError('the snapshot stalled'));
      }, Math.max(10, Math.min(1000, timeoutMs / 4)));
      watchdog.unref?.();
      try {
        let res: Response;
        try {
          res = await fetch(url('snapshot'), { headers: headers(), signal: controller.signal });
        } catch (err) {
          throw new TransportError(`hub not reachable (${err instanceof Error ? err.message : String(err)})`);
        }
        if (!res.ok || !res.body) throw new TransportError(`snapshot: hub answered ${res.status}`, res.status);
        let buffer = '';
        try {
          for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
            heardAt = Date.now();
            buffer += chunk;
            // lines are cut from the chunk in place; only the unfinished tail is kept for the next one
            let start = 0;
            for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', start)) {
              const line = buffer.slice(start, nl);
              start = nl + 1;
              if (!line) continue;
              applying = true;
              yield JSON.parse(line) as SnapshotLine;
              applying = false;
              heardAt = Date.now();
            }
            buffer = buffer.slice(start);
          }
        } catch (err) {
          if (err instanceof SyntaxError) throw new TransportError('the snapshot was cut off');
          throw err instanceof TransportError ? err : new TransportError(`snapshot interrupted (${err instanceof Error ? err.message : String(err)})`);
        }
      } finally {
        clearInterval(watchdog);
        // the caller may stop early (a failed apply): let go of the connection
        controller.abort();
      }
    },
    events(onPoke, onState) {
      let stopped = false;
      const controller = new AbortController();
      void (async () => {
        for (let delay = 1000; !stopped; delay = Math.min(delay * 2, 30_000)) {
          try {
            const res = await fetch(url('events'), { headers: headers(), signal: controller.signal });
            if (!res.ok || !res.body) throw new Error(String(res.status));
            onState(true);
            delay = 1000;
            for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
              if (chunk.includes('event: poke')) onPoke();
            }
          } catch {
            // the hub is away: polling covers it until the stream is back
          }
          onState(false);
          if (!stopped) await new Promise((r) => setTimeout(r, delay).unref?.());
        }
      })();
      return () => {
        stopped = true;
        controller.abort();
      };
    },
  };
}
