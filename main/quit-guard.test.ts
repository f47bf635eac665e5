import { describe, expect, it, vi } from 'vitest';
import type { QuitBlocker } from '../src/app/quit-blockers';
import type { QuitPrompt } from '../src/app/quit-prompt';
import { createQuitGuard } from './quit-guard';

const unsaved: QuitBlocker[] = [{ kind: 'keypairs.unsavedPrivateKeys', count: 1 }];

/** A guard over fixed blockers, whose dialog answers `answer` (0 stay, 1 quit anyway). */
function guardWith(blockers: QuitBlocker[], answer: number) {
  const asked: QuitPrompt[] = [];
  const guard = createQuitGuard({
    blockers: async () => blockers,
    language: async () => 'en',
    ask: async (prompt) => {
      asked.push(prompt);
      return answer;
    },
  });
  return { guard, asked };
}

const event = () => ({ preventDefault: vi.fn() });

describe('quit guard (main)', () => {
  it('quits without asking when nothing would be lost', async () => {
    const { guard, asked } = guardWith([], 0);
    const quit = vi.fn();
    const first = event();
    guard.beforeQuit(first, quit);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(asked).toEqual([]);
    const second = event();
    guard.beforeQuit(second, quit);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('stays when the user chooses "Don’t quit", and asks again next time', async () => {
    const { guard, asked } = guardWith(unsaved, 0);
    const quit = vi.fn();
    guard.beforeQuit(event(), quit);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]?.buttons).toEqual(['Don’t quit', 'Quit anyway']);
    const again = event();
    guard.beforeQuit(again, quit);
    expect(again.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(quit).not.toHaveBeenCalled();
  });

  it('quits after "Quit anyway", asking once for before-quit and the window close together', async () => {
    const { guard, asked } = guardWith(unsaved, 1);
    const quit = vi.fn();
    const close = vi.fn();
    const onClose = guard.windowCloseHandler(close);
    guard.beforeQuit(event(), quit);
    const closing = event();
    onClose(closing);
    expect(closing.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    expect(asked).toHaveLength(1);
    // Once allowed, the quit's own window close passes without another question.
    const afterwards = event();
    onClose(afterwards);
    expect(afterwards.preventDefault).not.toHaveBeenCalled();
  });

  it('closing the window asks too, and a refused close keeps the window open', async () => {
    const { guard, asked } = guardWith(unsaved, 0);
    const close = vi.fn();
    const onClose = guard.windowCloseHandler(close);
    const closing = event();
    onClose(closing);
    expect(closing.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(close).not.toHaveBeenCalled();
  });

  it('a dialog that fails does not trap the user: the quit goes on', async () => {
    const quit = vi.fn();
    const guard = createQuitGuard({
      blockers: async () => unsaved,
      language: async () => 'ja',
      ask: async () => {
        throw new Error('no display');
      },
    });
    guard.beforeQuit(event(), quit);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
  });
});
