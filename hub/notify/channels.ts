/**
 * The two ways a notification leaves the hub. Each is a small interface so that a real provider
 * (another SMS vendor, an email API) plugs in without touching the outbox or the worker.
 * A sender never throws for a failed delivery; it says what kind of failure it was.
 */
export interface OutgoingEmail {
  /** The notification's id: the Message-ID, so a mail system can spot a resend after a crash. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface OutgoingSms {
  /** The notification's id: sent as the gateway's idempotency key. */
  id: string;
  to: string;
  text: string;
}

/**
 * - `retry`: may work later (server down, 4xx deferral, gateway overloaded).
 * - `bounce`: the address was refused for good (SMTP 5xx, gateway says the number is invalid).
 * - `fail`: cannot work on this hub as configured (no SMS gateway); no retries.
 * `error` is shown to staff: short English, never an address or anything from the message.
 */
export type Delivery = { ok: true } | { ok: false; kind: 'retry' | 'bounce' | 'fail'; error: string };

export interface EmailSender {
  send(message: OutgoingEmail): Promise<Delivery>;
  close?(): void;
}

export interface SmsSender {
  send(message: OutgoingSms): Promise<Delivery>;
  close?(): void;
}
