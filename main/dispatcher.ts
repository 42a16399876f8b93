import { isMethodName, methods, type MethodName, type ParsedInputOf, type ResultOf } from '../common/api';
import { DomainError, type ApiError, type Result } from '../common/result';
import { zodToApiError } from '../common/validation';
import { insertAudit } from '../db/audit';
import { nowTimestamp } from '../common/time';
import type { AppContext, CallContext, ClientRef } from './context';
import { idleLockMs } from './services/idle';

export type Handler<M extends MethodName> = (
  input: ParsedInputOf<M>,
  ctx: CallContext,
) => ResultOf<M> | Promise<ResultOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

const SLOW_MS = 40;

function fail(code: ApiError['code'], message: string, key?: string): Result<never> {
  return { ok: false, error: key ? { code, message, key } : { code, message } };
}

/**
 * The one path every call takes, whether it came over Electron IPC or the browser host:
 * method lookup → session and idle lock → permission → input schema → handler → errors as data.
 */
export function createDispatcher(app: AppContext, handlers: Handlers) {
  return async function handle(client: ClientRef, method: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isMethodName(method)) return fail('not_found', `unknown method ${method}`, 'errors.unknownMethod');
    const spec = methods[method];
    const now = app.clock.now();
    const session = app.sessions.get(client.clientId);

    if (session && !session.locked && now - session.lastActivity >= idleLockMs(app)) {
      session.locked = true;
      insertAudit(app.store, { staffId: session.staffId, workstationId: app.workstationId }, nowTimestamp(app.clock), {
        action: 'auth.idleLock',
      });
      app.events.emitTo(client.clientId, 'session.changed', { reason: 'locked' });
    }

    if (spec.access !== 'public') {
      if (!session || session.locked) return fail('unauthenticated', 'sign in first', 'errors.unauthenticated');
      if (session.mustChangePassword && method !== 'auth.changePassword') {
        return fail('forbidden', 'change your password first', 'errors.passwordChangeRequired');
      }
      if (spec.access !== 'signedIn' && !session.permissions.has(spec.access)) {
        insertAudit(app.store, { staffId: session.staffId, workstationId: app.workstationId }, nowTimestamp(app.clock), {
          action: 'access.denied',
          outcome: 'denied',
          detail: method,
        });
        return fail('forbidden', `${method} needs ${spec.access}`, 'errors.forbidden');
      }
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error) };

    if (session && !session.locked && !spec.background) session.lastActivity = now;
    const ctx: CallContext = {
      app,
      client,
      session,
      actor: { staffId: session?.staffId ?? null, workstationId: app.workstationId },
    };
    const started = performance.now();
    try {
      const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      // a command may have queued a mutation: let the sync client take it now
      if (spec.kind === 'command') app.sync.nudge();
      return { ok: true, value };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, error: err.toApiError() };
      app.log.error('call.failed', {
        method,
        error: err instanceof Error ? err.name : 'unknown',
        ...(app.config.logStacks && err instanceof Error ? { stack: err.stack } : {}),
      });
      return fail('internal', 'something went wrong; the details are in the log', 'errors.internal');
    } finally {
      const ms = performance.now() - started;
      if (ms > SLOW_MS) app.log.warn('call.slow', { method, ms: Math.round(ms) });
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
