import { describe, expect, it } from 'vitest';
import { delayInUnits, delayToHours, isReady, readyAt } from '../../common/rules/delay';

const at = (iso: string) => Date.parse(iso);

describe('access delay arithmetic', () => {
  it('0 hours: ready at the event itself, not a millisecond before', () => {
    const event = '2026-11-22T10:00:00.000Z';
    expect(readyAt(event, 0)).toBe(event);
    expect(isReady(event, 0, event)).toBe(true);
    expect(isReady(event, 0, at(event) - 1)).toBe(false);
  });

  it('is ready exactly at the boundary and still waiting one millisecond before it', () => {
    const event = '2026-11-22T10:00:00.000Z';
    expect(readyAt(event, 24)).toBe('2026-11-23T10:00:00.000Z');
    expect(isReady(event, 24, '2026-11-23T10:00:00.000Z')).toBe(true);
    expect(isReady(event, 24, '2026-11-23T09:59:59.999Z')).toBe(false);
    expect(isReady(event, 24, at('2026-11-23T10:00:00.001Z'))).toBe(true);
  });

  it('keeps milliseconds of the event', () => {
    expect(readyAt('2026-11-22T10:00:00.123Z', 1)).toBe('2026-11-22T11:00:00.123Z');
  });

  it('counts whole UTC hours across a daylight-saving change (Copenhagen, last Sunday of March and October)', () => {
    // 2026-03-29 01:00Z clocks in Denmark jump 02:00 → 03:00 local; 2026-10-25 01:00Z they fall back
    expect(readyAt('2026-03-28T12:00:00.000Z', 24)).toBe('2026-03-29T12:00:00.000Z');
    expect(readyAt('2026-10-24T12:00:00.000Z', 48)).toBe('2026-10-26T12:00:00.000Z');
    expect(isReady('2026-10-24T12:00:00.000Z', 48, '2026-10-26T11:59:59.999Z')).toBe(false);
  });

  it('crosses month and year ends', () => {
    expect(readyAt('2026-12-31T23:30:00.000Z', 1)).toBe('2027-01-01T00:30:00.000Z');
    expect(readyAt('2028-02-28T12:00:00.000Z', 24)).toBe('2028-02-29T12:00:00.000Z');
  });

  it('the maximum delay of 90 days is 2160 hours', () => {
    expect(readyAt('2026-01-01T00:00:00.000Z', 90 * 24)).toBe('2026-04-01T00:00:00.000Z');
  });
});

describe('delay units on the settings screen', () => {
  it('shows whole days as days and everything else as hours', () => {
    expect(delayInUnits(0)).toEqual({ amount: 0, unit: 'hours' });
    expect(delayInUnits(5)).toEqual({ amount: 5, unit: 'hours' });
    expect(delayInUnits(24)).toEqual({ amount: 1, unit: 'days' });
    expect(delayInUnits(36)).toEqual({ amount: 36, unit: 'hours' });
    expect(delayInUnits(72)).toEqual({ amount: 3, unit: 'days' });
  });

  it('converts back to hours', () => {
    expect(delayToHours(3, 'days')).toBe(72);
    expect(delayToHours(3, 'hours')).toBe(3);
    expect(delayToHours(0, 'days')).toBe(0);
  });
});
