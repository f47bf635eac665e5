import type { StepPhrase, StepText } from '../journal/step-texts';
import type { ScriptResult } from '../scripts/script-result';

/**
 * The recovery engine's unit of work. A path (another login, Instance Connect, SSM; later user data
 * and rescue volume) is a list of steps; the executor (executor.ts) journals each step's intent
 * before it runs and its outcome after, so a crash at any moment leaves a journal that says what
 * may have happened, and resume knows what to check before repeating anything.
 */

/**
 * Short facts a step learned — a rule id, the host key fingerprint seen on first connect, an SSM
 * command id — journaled with its outcome, so later steps and a resumed recovery (another process,
 * days later) know them. Names are code names (`ruleId`); values are short and never secrets.
 */
export type StepFacts = Readonly<Record<string, string>>;

export interface StepContext {
  readonly recoveryId: string;
  /** Aborted when the user cancels: a step stops at a safe point and throws, never mid-change. */
  readonly signal: AbortSignal;
  /** The facts of every step done so far, this run's and (on resume) the journal's, later ones winning. */
  readonly facts: StepFacts;
  /** Progress inside a long step ("InProgress, 12 s"); shown live, not journaled. */
  note(detail: string): void;
}

export interface StepOutcome {
  /** What happened, in one English sentence for the journal and the report (no secrets). */
  result: string;
  /** The same sentences structured (journal/step-texts.ts), so the report reads in Japanese too. */
  text?: StepText[];
  facts?: Record<string, string>;
}

/**
 * What a step's `check` found on resume, for a step whose intent is journaled without an outcome:
 * it happened (`done`, with what it found), it did not (`notDone`: apply it), or it cannot be told.
 */
export type StepCheck = { state: 'done'; outcome: StepOutcome } | { state: 'notDone' } | { state: 'unknown' };

export interface RecoveryStep {
  /** A code name, unique in the recovery (`ingress-add`, `append-key`, `verify`). */
  readonly id: string;
  /** What the step will do, one English sentence (journaled as the intent). */
  readonly does: string;
  /** How it is undone, or that nothing needs undoing (journaled with the intent). */
  readonly undo: string;
  /** `does` and `undo` structured (journal/step-texts.ts), journaled with the intent for the report. */
  readonly text?: { readonly does: StepText; readonly undo: StepText };
  /**
   * `verify`: the fresh login with the new key. Its success (facts `host` and `hostKeyFingerprint`)
   * is what the executor journals as `verified`; nothing else marks a recovery done.
   */
  readonly kind?: 'verify';
  /**
   * Safe to run again after it may have half-happened (the authorized-keys script appends only
   * when the key is absent). A step that is not repeatable needs `check`; when the check says
   * `unknown`, resume stops and says so instead of guessing.
   */
  readonly repeatable: boolean;
  apply(ctx: StepContext): Promise<StepOutcome>;
  /** Looks at the real state (AWS, the instance) to tell whether a half-journaled step happened. */
  check?(ctx: StepContext): Promise<StepCheck>;
  /**
   * Undoes a done step (revoke the rule, remove the key line); returns what it did, one sentence
   * (or an outcome with its structured text). It may run again after a crash mid-undo, so it must be safe to repeat (an absent rule is fine).
   */
  revert?(ctx: StepContext): Promise<string | StepOutcome>;
  /** Reverted by the executor when a later step fails (a temporary ingress rule); others stay. */
  readonly revertOnFailure?: boolean;
}

/**
 * Runs one authorized-keys script (src/recovery/scripts) as root on the instance and returns its
 * parsed result line. Each path is one: another login (ssh + sudo), Instance Connect (a throwaway
 * key, then ssh + sudo), SSM Run Command; after verification, a login with the new key. The add
 * step, the cleanup's removal of the old key, and a resume's "is the key already there?" all run
 * through the same runner the recovery chose.
 */
export interface RemoteScriptRunner {
  /** What it is, one English phrase for the journal ("EC2 Instance Connect as ec2-user"). */
  readonly describe: string;
  /** The same phrase structured, for sentences that name the runner in the report's language. */
  readonly describeText?: StepPhrase;
  run(script: string, ctx: StepContext): Promise<{ result: ScriptResult; facts?: Record<string, string> }>;
}
