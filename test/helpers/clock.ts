import type { Clock } from '../../common/time';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private ms = Date.parse('2026-11-22T09:00:00.000Z')) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
