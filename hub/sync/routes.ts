import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { MAX_PUSH_BYTES, PROTOCOL_VERSION, type HelloResponse, type PushedMutation } from '../../common/sync/protocol';
import type { HubContext } from '../context';
import { HUB_MIGRATIONS } from '../db/migrations';
import { authenticate, redeemEnrollment } from './enroll';
import { handlePull } from './pull';
import { handlePush, type AuthedClient } from './push';
import { snapshotLines } from './snapshot';

declare module 'fastify' {
  interface FastifyRequest {
    syncClient?: AuthedClient;
  }
}

const SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]?.version ?? 0;

/** A few tries per minute per source: an enrollment code is short enough to be guessed otherwise. */
function enrollLimiter() {
  const hits = new Map<string, number[]>();
  return (source: string, now: number) => {
    const recent = (hits.get(source) ?? []).filter((t) => now - t < 60_000);
    recent.push(now);
    hits.set(source, recent);
    return recent.length <= 10;
  };
}

/** `/sync/v1`: enroll, hello, push, pull, snapshot (NDJSON), events (server-sent pokes). */
export async function syncRoutes(app: FastifyInstance, hub: HubContext): Promise<void> {
  const allowEnroll = enrollLimiter();

  app.post<{ Body: { code?: string; clientId?: string; clinic?: { id: string; name: string }; label?: string } }>('/sync/v1/enroll', async (req, reply) => {
    if (!allowEnroll(req.ip, hub.clock.now())) return reply.code(429).send({ error: 'too many attempts; wait a minute' });
    const { code, clientId, clinic, label } = req.body ?? {};
    if (typeof code !== 'string' || typeof clientId !== 'string') return reply.code(400).send({ error: 'code and clientId are required' });
    const r = await redeemEnrollment(hub, { code, clientId, clinic, label });
    if (!r.ok) return reply.code(r.status).send({ error: r.error });
    return r;
  });

  const auth = async (req: FastifyRequest, reply: FastifyReply) => {
    const client = await authenticate(hub, req.headers.authorization);
    if (!client) return reply.code(401).send({ error: 'unknown or revoked workstation credential' });
    req.syncClient = client;
  };

  app.post('/sync/v1/hello', { preHandler: auth }, async (req) => {
    const client = req.syncClient as AuthedClient;
    const meta = await hub.store.db.selectFrom('hub_meta').select('epoch').where('id', '=', 1).executeTakeFirstOrThrow();
    const sc = await hub.store.db.selectFrom('sync_client').select('last_applied').where('client_id', '=', client.clientId).executeTakeFirstOrThrow();
    const clinic = await hub.store.db.selectFrom('e_clinic' as never).select('name' as never).where('id' as never, '=', client.clinicId as never).executeTakeFirst() as { name?: string } | undefined;
    const body: HelloResponse = {
      epoch: meta.epoch, protocol: PROTOCOL_VERSION, schema: SCHEMA_VERSION, clinicId: client.clinicId,
      clinicName: clinic?.name ?? '', lastAppliedMutationId: Number(sc.last_applied),
    };
    return body;
  });

  app.post<{ Body: { mutations?: PushedMutation[] } }>('/sync/v1/push', { preHandler: auth, bodyLimit: MAX_PUSH_BYTES + 16 * 1024 }, async (req, reply) => {
    const r = await handlePush(hub, req.syncClient as AuthedClient, req.body?.mutations ?? []);
    return reply.code(r.status).send(r.body);
  });

  app.post<{ Body: { epoch?: string; cursor?: number; ack?: number } }>('/sync/v1/pull', { preHandler: auth }, async (req, reply) => {
    const r = await handlePull(hub, req.syncClient as AuthedClient, req.body ?? {});
    return reply.code(r.status).send(r.body);
  });

  app.get('/sync/v1/snapshot', { preHandler: auth }, async (req, reply) => {
    reply.header('content-type', 'application/x-ndjson');
    return reply.send(Readable.from(snapshotLines(hub, req.syncClient as AuthedClient)));
  });

  app.get('/sync/v1/events', { preHandler: auth }, (req, reply) => {
    const client = req.syncClient as AuthedClient;
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    reply.raw.write(': connected\n\n');
    const off = hub.pokes.subscribe(client.clinicId, () => reply.raw.write('event: poke\ndata: {}\n\n'));
    const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      off();
    });
  });
}
