import type { Delivery, SmsSender } from './channels';

/**
 * The hub's SMS gateway protocol, small enough for any provider to be wrapped behind it:
 *   POST <url>  content-type: application/json
 *               x-api-key: <PORTAL_HUB_SMS_KEY>      (when set)
 *               idempotency-key: <notification id>  (the same on every retry of one SMS)
 *   body        { "to": "+4512345678", "text": "...", "reference": "<notification id>" }
 * 2xx: accepted. 400, 404, 410, 422: the number or message is refused for good (bounced).
 * Anything else (401/403 wrong key, 408, 429, 5xx, no answer): retried later.
 */
export function httpSmsGateway(opts: { url: string; apiKey?: string | undefined; timeoutMs?: number; fetch?: typeof fetch }): SmsSender {
  const doFetch = opts.fetch ?? fetch;
  return {
    async send(m): Promise<Delivery> {
      let status: number;
      try {
        const res = await doFetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': m.id,
            ...(opts.apiKey ? { 'x-api-key': opts.apiKey } : {}),
          },
          body: JSON.stringify({ to: m.to, text: m.text, reference: m.id }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
        status = res.status;
        await res.body?.cancel();
      } catch {
        return { ok: false, kind: 'retry', error: 'the SMS gateway could not be reached' };
      }
      if (status >= 200 && status < 300) return { ok: true };
      if ([400, 404, 410, 422].includes(status)) return { ok: false, kind: 'bounce', error: `refused by the SMS gateway (${status})` };
      return { ok: false, kind: 'retry', error: `the SMS gateway did not accept the message (${status})` };
    },
  };
}

/** Where no gateway is configured outside the demo: nothing can be sent, so say so at once. */
export const noSmsGateway: SmsSender = {
  send: async () => ({ ok: false, kind: 'fail', error: 'no SMS gateway is configured on the hub' }),
};
