import type { QuitBlocker } from '../src/app/quit-blockers';
import { quitAnywayButton, quitPrompt, type QuitLanguage, type QuitPrompt } from '../src/app/quit-prompt';

export interface QuitGuardDeps {
  /** The core's quit blockers (unsaved AWS-created private keys, …). */
  blockers: () => Promise<QuitBlocker[]>;
  language: () => Promise<QuitLanguage>;
  /** Shows the native message box; resolves the index of the button the user chose. */
  ask: (prompt: QuitPrompt) => Promise<number>;
}

/** The part of an Electron event the guard uses. */
interface Preventable {
  preventDefault(): void;
}

/**
 * Holds `before-quit` and the window's `close` until the core says nothing would be lost, or the user
 * chose "Quit anyway" in the native dialog. One question at a time: Cmd+Q fires before-quit and
 * then close, and both wait for the same answer.
 */
export function createQuitGuard(deps: QuitGuardDeps) {
  let asking: Promise<boolean> | undefined;
  /** Set once the user (or an empty blocker list) allowed the quit: the windows then close freely. */
  let quitting = false;

  const mayGo = (): Promise<boolean> =>
    (asking ??= (async () => {
      try {
        const prompt = quitPrompt(await deps.blockers(), await deps.language());
        return prompt === null || (await deps.ask(prompt)) === quitAnywayButton;
      } catch {
        return true; // a failing dialog must not make the app impossible to quit
      } finally {
        asking = undefined;
      }
    })());

  return {
    /** For `app.on('before-quit')`; `quit` is `app.quit`, called again once allowed. */
    beforeQuit(event: Preventable, quit: () => void): void {
      if (quitting) return;
      event.preventDefault();
      void mayGo().then((allowed) => {
        if (!allowed) return;
        quitting = true;
        quit();
      });
    },
    /** A `close` handler for one window; `close` is `window.close`, called again once allowed. */
    windowCloseHandler(close: () => void): (event: Preventable) => void {
      let allowed = false;
      return (event) => {
        if (quitting || allowed) return;
        event.preventDefault();
        void mayGo().then((answer) => {
          if (!answer) return;
          allowed = true;
          close();
        });
      };
    },
  };
}
