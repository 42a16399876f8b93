import type { EventName, PortalEvents } from '../common/api/events';

export type EventSink = <E extends EventName>(event: E, payload: PortalEvents[E]) => void;

/** Fans events out to connected screens: to one client, or to every client. */
export class EventBus {
  private readonly sinks = new Map<string, EventSink>();

  attach(clientId: string, sink: EventSink): () => void {
    this.sinks.set(clientId, sink);
    return () => {
      if (this.sinks.get(clientId) === sink) this.sinks.delete(clientId);
    };
  }

  emitTo<E extends EventName>(clientId: string, event: E, payload: PortalEvents[E]): void {
    this.sinks.get(clientId)?.(event, payload);
  }

  broadcast<E extends EventName>(event: E, payload: PortalEvents[E]): void {
    for (const sink of this.sinks.values()) sink(event, payload);
  }
}
