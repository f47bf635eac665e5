import type { StepContext, StepFacts } from '../../engine/recovery-step';

/** A StepContext as the executor makes one, with the notes kept for the test to read. */
export function testStepContext(
  recoveryId: string,
  facts: StepFacts = {},
  signal: AbortSignal = new AbortController().signal,
): StepContext & { notes: string[] } {
  const notes: string[] = [];
  return { recoveryId, signal, facts, notes, note: (detail) => notes.push(detail) };
}
