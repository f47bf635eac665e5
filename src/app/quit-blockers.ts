import type { quitBlockerKinds } from '../ipc/contracts/app';

/**
 * Things that would be lost if the app quit now. Each area registers a provider (key pairs: AWS-created
 * private keys not saved yet; later the recovery engine: a recovery in progress); main asks all of
 * them on quit and window close, and shows one native dialog if any answers.
 */
export type QuitBlockerKind = (typeof quitBlockerKinds)[number];

export interface QuitBlocker {
  kind: QuitBlockerKind;
  /** How many things of this kind would be lost (always ≥ 1 in a list). */
  count: number;
}

/** Answers what its area would lose; an empty list (or count 0) means nothing. */
export type QuitBlockerProvider = () => Promise<QuitBlocker[]> | QuitBlocker[];

export class QuitBlockers {
  private readonly providers: QuitBlockerProvider[] = [];

  register(provider: QuitBlockerProvider): void {
    this.providers.push(provider);
  }

  /**
   * Every provider's blockers, with empty ones dropped. A provider that fails counts as nothing to
   * lose: a broken provider must never make the app impossible to quit.
   */
  async list(): Promise<QuitBlocker[]> {
    const answers = await Promise.all(
      this.providers.map(async (provider) => {
        try {
          return await provider();
        } catch {
          return [];
        }
      }),
    );
    return answers.flat().filter((blocker) => blocker.count > 0);
  }
}
