/**
 * What `hub serve` prints when it is up, read by the workstation that started it as its embedded
 * demo hub (main/sync/embedded.ts). With --bootstrap the line after the address is ALWAYS about
 * bootstrap, code or not, so the reader knows when it has everything instead of guessing by a
 * pause (a busy machine once made it miss the code, and the demo clinic never enrolled).
 */
export const LISTENING_PREFIX = 'Portal hub listening at ';
export const BOOTSTRAP_PREFIX = 'Bootstrap code: ';
export const NO_BOOTSTRAP_LINE = 'No bootstrap code: a workstation is enrolled already.';

export interface HubBanner {
  url: string;
  bootstrapCode: string | null;
}

/** The banner once the hub's output so far holds all of it (whole lines only); null until then. */
export function readHubBanner(out: string, opts: { bootstrap: boolean }): HubBanner | null {
  const lines = out.split('\n').slice(0, -1);
  const url = lines.find((l) => l.startsWith(LISTENING_PREFIX))?.slice(LISTENING_PREFIX.length).trim();
  if (!url) return null;
  if (!opts.bootstrap) return { url, bootstrapCode: null };
  const code = lines.find((l) => l.startsWith(BOOTSTRAP_PREFIX))?.slice(BOOTSTRAP_PREFIX.length).trim();
  if (code) return { url, bootstrapCode: code };
  return lines.includes(NO_BOOTSTRAP_LINE) ? { url, bootstrapCode: null } : null;
}
