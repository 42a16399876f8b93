import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Which responses to cut, after how many of their bytes, and how many times. */
export interface CutRule {
  path: RegExp;
  afterBytes: number;
  times: number;
  /** `close` ends the connection (FIN) after the bytes, `reset` sends an RST, `stall` sends nothing more, ever. */
  how?: 'close' | 'reset' | 'stall';
}

export interface ProxyStats {
  connections: number;
  /** Responses cut short after the hub had answered (so had committed). */
  cut: number;
  /** Requests dropped (reset or swallowed) before the hub saw them. */
  dropped: number;
  /** Connections refused by a partition or swallowed by a black hole. */
  refused: number;
  swallowed: number;
}

/** Requests to drop before the hub sees them: `reset` the connection, or swallow it (`blackhole`). */
export interface DropRule {
  path: RegExp;
  times: number;
  how: 'reset' | 'blackhole';
}

const REQUEST_LINE = /(?:^|\r\n)(?:GET|POST|PUT|DELETE|PATCH|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

/**
 * A TCP proxy on loopback between a workstation and the hub that misbehaves on demand: added
 * latency, a bandwidth limit, a partition (connections reset), a black hole (connections accepted
 * and never answered), a reset of chosen requests before the hub sees them, and responses cut
 * after N bytes, so the hub has committed and the workstation never hears of it.
 *
 * It reads just enough HTTP/1.1 to know which request a response answers: fetch sends one request
 * at a time on a connection, so a response belongs to the request line seen last on it.
 */
export class TcpProxy {
  latencyMs = 0;
  /** 0 = unlimited. */
  bytesPerSecond = 0;
  readonly stats: ProxyStats = { connections: 0, cut: 0, dropped: 0, refused: 0, swallowed: 0 };
  private mode: 'pass' | 'partition' | 'blackhole' = 'pass';
  private cuts: CutRule[] = [];
  private drops: DropRule[] = [];
  private readonly open = new Set<Socket>();
  private readonly swallowedSockets = new Set<Socket>();

  private constructor(private readonly server: Server, private readonly target: { host: string; port: number }) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(targetUrl: string): Promise<TcpProxy> {
    const u = new URL(targetUrl);
    const server = createServer();
    const proxy = new TcpProxy(server, { host: u.hostname, port: Number(u.port) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Nothing gets through: open connections are reset, new ones are reset as they arrive. */
  partition(): void {
    this.mode = 'partition';
    for (const s of this.open) s.resetAndDestroy();
  }

  /** Connections are accepted and what they carry is swallowed: nobody ever answers. */
  blackHole(): void {
    this.mode = 'blackhole';
  }

  /** Back to a working network; whatever the black hole held is let go. */
  heal(): void {
    this.mode = 'pass';
    for (const s of this.swallowedSockets) s.destroy();
    this.swallowedSockets.clear();
  }

  cutResponses(rule: CutRule): void {
    this.cuts.push({ ...rule });
  }

  dropRequests(rule: DropRule): void {
    this.drops.push({ ...rule });
  }

  async close(): Promise<void> {
    this.heal();
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private take<R extends { path: RegExp; times: number }>(rules: R[], path: string): R | undefined {
    const rule = rules.find((r) => r.times > 0 && r.path.test(path));
    if (rule) rule.times--;
    return rule;
  }

  private swallow(socket: Socket): void {
    this.stats.swallowed++;
    this.swallowedSockets.add(socket);
    socket.removeAllListeners('data');
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => this.swallowedSockets.delete(socket));
  }

  private accept(client: Socket): void {
    this.stats.connections++;
    client.on('error', () => {});
    if (this.mode === 'partition') {
      this.stats.refused++;
      client.resetAndDestroy();
      return;
    }
    if (this.mode === 'blackhole') return this.swallow(client);
    const upstream = createConnection(this.target);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    this.open.add(client);
    client.on('close', () => {
      this.open.delete(client);
      upstream.destroy();
    });
    const toHub = new Lane(this, upstream);
    const toClient = new Lane(this, client);
    let cut: CutRule | undefined;
    let answered = 0;

    client.on('data', (chunk: Buffer) => {
      if (this.mode === 'blackhole') return this.swallow(client);
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
        const path = m[1] as string;
        const drop = this.take(this.drops, path);
        if (drop) {
          this.stats.dropped++;
          upstream.destroy();
          if (drop.how === 'reset') client.resetAndDestroy();
          else this.swallow(client);
          return;
        }
        cut = this.take(this.cuts, path);
        answered = 0;
      }
      toHub.send(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.mode === 'blackhole') return;
      if (!cut) return toClient.send(chunk);
      const room = cut.afterBytes - answered;
      answered += chunk.length;
      if (chunk.length < room) return toClient.send(chunk);
      const how = cut.how ?? 'close';
      cut = undefined;
      this.stats.cut++;
      upstream.pause();
      toClient.send(chunk.subarray(0, room), () => {
        upstream.destroy();
        if (how === 'reset') client.resetAndDestroy();
        else if (how === 'stall') this.swallow(client);
        else client.end();
      });
    });
    client.on('end', () => toHub.send(null));
    upstream.on('end', () => toClient.send(null));
  }
}

/** One direction of a connection: delivers in order, after the latency, at the bandwidth. */
class Lane {
  private busyUntil = 0;

  constructor(private readonly proxy: TcpProxy, private readonly to: Socket) {}

  /** `null` ends the direction once everything before it is delivered. */
  send(chunk: Buffer | null, then?: () => void): void {
    // under a bandwidth limit big chunks go in slices, so bytes trickle rather than jump
    const slice = 8 * 1024;
    if (chunk && this.proxy.bytesPerSecond && chunk.length > slice) {
      for (let at = 0; at < chunk.length; at += slice) {
        const last = at + slice >= chunk.length;
        this.send(chunk.subarray(at, at + slice), last ? then : undefined);
      }
      return;
    }
    const deliver = () => {
      if (!this.to.destroyed) {
        if (chunk) this.to.write(chunk);
        else this.to.end();
      }
      then?.();
    };
    const { latencyMs, bytesPerSecond } = this.proxy;
    const now = Date.now();
    if (!latencyMs && !bytesPerSecond && this.busyUntil <= now) return deliver();
    const start = Math.max(now + latencyMs, this.busyUntil);
    this.busyUntil = start + (bytesPerSecond && chunk ? (chunk.length / bytesPerSecond) * 1000 : 0);
    setTimeout(deliver, this.busyUntil - now);
  }
}
