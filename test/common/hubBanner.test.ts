import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_PREFIX, LISTENING_PREFIX, NO_BOOTSTRAP_LINE, readHubBanner } from '../../common/sync/hubBanner';

const URL = 'http://127.0.0.1:41234';
const CODE = 'k7Qe-2xVb_9Lm';
const fresh = `${LISTENING_PREFIX}${URL}\n${BOOTSTRAP_PREFIX}${CODE}\nDEMO eID is on: patients can register with a simulated MitID step.\n`;
const enrolled = `${LISTENING_PREFIX}${URL}\n${NO_BOOTSTRAP_LINE}\n`;

/** What the reader answers after each chunk when the output arrives cut at `at`. */
function readCut(out: string, at: number, bootstrap: boolean) {
  return [readHubBanner(out.slice(0, at), { bootstrap }), readHubBanner(out, { bootstrap })];
}

describe('the embedded hub banner, however the output is cut into chunks', () => {
  it('with a bootstrap code: nothing until the code line is whole, then the address and the whole code', () => {
    for (let at = 0; at <= fresh.length; at++) {
      const [early, late] = readCut(fresh, at, true);
      const codeLineEnd = fresh.indexOf('\n', fresh.indexOf(BOOTSTRAP_PREFIX)) + 1;
      expect(early, `cut at ${at}`).toEqual(at >= codeLineEnd ? { url: URL, bootstrapCode: CODE } : null);
      expect(late).toEqual({ url: URL, bootstrapCode: CODE });
    }
  });

  it('enrolled already: no code, but only once the hub has said so', () => {
    for (let at = 0; at <= enrolled.length; at++) {
      const [early] = readCut(enrolled, at, true);
      expect(early, `cut at ${at}`).toEqual(at === enrolled.length ? { url: URL, bootstrapCode: null } : null);
    }
  });

  it('a hub started without --bootstrap is ready with its address line', () => {
    expect(readHubBanner(`${LISTENING_PREFIX}${URL}`, { bootstrap: false })).toBeNull();
    expect(readHubBanner(`${LISTENING_PREFIX}${URL}\n`, { bootstrap: false })).toEqual({ url: URL, bootstrapCode: null });
  });
});
