/**
 * In-page timing: the keydown's own timestamp, then animation frames until the DOM shows what
 * the key asked for; the time is taken in a task posted from that frame's callback, which runs
 * once the frame has been rendered ("painted" as near as a page can tell).
 */
type Check = () => boolean;

declare global {
  interface Window {
    probe: {
      /** Call before pressing the key; `measure` then resolves with ms from keydown to paint. */
      arm(what: 'activeRow' | 'palette' | 'paletteClosed' | 'filtered', arg?: number): void;
      measure(): Promise<{ ms: number; frames: number }>;
      activeIndex(): number;
      frameIntervals(count: number): Promise<number[]>;
    };
  }
}

function activeIndex(): number {
  const row = document.querySelector<HTMLElement>('[role=grid] [data-active]');
  return row ? Number(row.getAttribute('aria-rowindex')) - 2 : -1;
}

function visibleInGrid(el: Element | null): boolean {
  const grid = document.querySelector('[role=grid]');
  if (!el || !grid) return false;
  const a = el.getBoundingClientRect();
  const b = grid.getBoundingClientRect();
  return a.top >= b.top && a.bottom <= b.bottom + 1;
}

const checks: Record<string, (arg?: number) => Check> = {
  activeRow: (index) => () => activeIndex() === index && visibleInGrid(document.querySelector('[role=grid] [data-active]')),
  palette: () => () => !!document.querySelector('[role=dialog] [cmdk-input]') && document.querySelectorAll('[role=dialog] [cmdk-item]').length > 0,
  paletteClosed: () => () => !document.querySelector('[role=dialog]'),
  // the filter count no longer starts with `count` (what it showed before the letter)
  filtered: (count) => () => {
    const shown = document.querySelector('.datatable-filter-count')?.textContent?.trim();
    return !!shown && !shown.startsWith(`${count} /`);
  },
};

export function installProbe(): void {
  let check: Check | null = null;
  let result: Promise<{ ms: number; frames: number }> | null = null;
  let resolve: ((r: { ms: number; frames: number }) => void) | null = null;

  window.addEventListener(
    'keydown',
    (e) => {
      if (!check || !resolve) return;
      const t0 = e.timeStamp;
      const done = resolve;
      const ready = check;
      check = null;
      let frames = 0;
      const frame = () => {
        frames++;
        if (!ready()) return requestAnimationFrame(frame);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done({ ms: performance.now() - t0, frames });
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(frame);
    },
    { capture: true },
  );

  window.probe = {
    arm(what, arg) {
      check = checks[what]!(arg);
      result = new Promise((r, reject) => {
        resolve = r;
        // a key that never shows its effect is a failure to report, not a reason to hang
        setTimeout(() => reject(new Error(`${what} never showed after the key`)), 10_000);
      });
    },
    measure() {
      if (!result) throw new Error('arm first');
      return result;
    },
    activeIndex,
    frameIntervals(count) {
      return new Promise((res) => {
        const times: number[] = [];
        const tick = (t: number) => {
          times.push(t);
          if (times.length > count) res(times.slice(1).map((v, i) => v - (times[i] as number)));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
}
