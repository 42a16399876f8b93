import type { Result } from '../result';
import type { EventName, PortalEvents } from './events';

/** What preload exposes as `window.portal`: nothing more than these two functions. */
export interface PortalBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: PortalEvents[E]) => void): () => void;
}
