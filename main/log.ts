/**
 * Structured log lines on stderr. Only method names, codes, durations and ids go here:
 * never a patient's data, a password, an access code or a token.
 */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function createLogger(sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const write = (level: string) => (event: string, fields: Record<string, unknown> = {}) =>
    sink(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
