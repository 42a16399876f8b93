import { HOUR_MS, type Timestamp, toTimestamp } from '../time';

/**
 * Seed 003's access delays. The study (images) delay counts from the study's validation, the
 * report delay from the moment the report became final; 0 means at once. A study not yet
 * validated has no images to show, so its images have no ready time until it is.
 */
export interface AccessDelays {
  studyHours: number;
  reportHours: number;
}

export function readyAt(from: Timestamp | null, delayHours: number): Timestamp | null {
  if (!from) return null;
  return delayHours === 0 ? from : toTimestamp(Date.parse(from) + delayHours * HOUR_MS);
}

export interface StudyReadiness {
  imagesReadyAt: Timestamp | null;
  reportReadyAt: Timestamp | null;
}

export function studyReadiness(study: { validatedAt: Timestamp | null; reportFinalAt: Timestamp | null }, delays: AccessDelays): StudyReadiness {
  return {
    imagesReadyAt: readyAt(study.validatedAt, delays.studyHours),
    reportReadyAt: readyAt(study.reportFinalAt, delays.reportHours),
  };
}

/** Ready when the time has come; never when there is no time yet. */
export function isReady(at: Timestamp | null, now: Timestamp): boolean {
  return at !== null && at <= now;
}
