/** How long a waiter sleeps between polls: from its first delay up to its cap. */
export interface PollDelayLimits {
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The share of the time waited so far that the next sleep may take. */
const lateShare = 1 / 20;

/**
 * The sleep before the next poll of a wait that has lasted `elapsedMs`: a twentieth of that, within
 * [firstDelayMs, maxDelayMs]. So a wait sees its transition end at most ~5 % late (or one first
 * delay, for short ones), yet a long one polls ever less often. A geometric back-off (×1.5) could
 * overshoot a 30 s stop by 12 s: its sleep near the end was already a third of the wait.
 */
export function nextPollDelay(limits: PollDelayLimits, elapsedMs: number): number {
  return Math.min(limits.maxDelayMs, Math.max(limits.firstDelayMs, Math.round(elapsedMs * lateShare)));
}
