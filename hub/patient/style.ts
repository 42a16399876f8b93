import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STYLESHEET_PATH = '/assets/portal.css';

/**
 * The pages' one stylesheet, portal.css, read once. From the sources it sits beside this file;
 * in the built hub (dist/hub/cli.mjs) scripts/build.mjs copies it next to the bundle.
 */
let css: string | undefined;
export function stylesheet(): string {
  if (css === undefined) {
    const here = dirname(fileURLToPath(import.meta.url));
    const file = [join(here, 'portal.css'), join(here, 'patient', 'portal.css')].find((f) => existsSync(f));
    if (!file) throw new Error(`portal.css not found beside ${here}`);
    css = readFileSync(file, 'utf8');
  }
  return css;
}
