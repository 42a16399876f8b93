/**
 * How an address shows on workstations (the synced `notification.recipient_masked`): enough for
 * staff to tell which address was used ("j***@example.dk", "+45 ** ** 12 34"), not to read it out.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** Keeps the country code (what precedes the last 8 digits) and the last 4 digits. */
export function maskMobile(number: string): string {
  const digits = number.replace(/\D/g, '');
  const last = digits.slice(-4).padStart(4, '*');
  const country = number.trim().startsWith('+') && digits.length > 8 ? `+${digits.slice(0, digits.length - 8)} ` : '';
  return `${country}** ** ${last.slice(0, 2)} ${last.slice(2)}`;
}

export function maskRecipient(channel: 'email' | 'sms', to: string): string {
  return channel === 'email' ? maskEmail(to) : maskMobile(to);
}

/** The form a gateway takes: digits with an optional leading +. */
export function normalizeMobile(number: string): string {
  const t = number.trim();
  return (t.startsWith('+') ? '+' : '') + t.replace(/\D/g, '');
}
