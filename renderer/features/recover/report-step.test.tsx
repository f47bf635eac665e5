// @vitest-environment happy-dom
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DialogPort } from '../../../src/app/ports';
import { i18n, initI18n } from '../../lib/i18n';
import { startPracticeBridge, type PracticeBridge } from '../../test-support/practice-bridge';
import { useRecoverStore } from './recover-store';
import { ReportStep } from './report-step';
import { useRecoveryRunStore } from './recovery-run-store';
import { runAdvisedRecovery } from './test-support/advised-recovery';

/**
 * The report screen's "Save as Markdown…" after a real recovery of the demo's lost-key instance
 * (the real router, engine and journal on the practice sandbox): main's Save dialog cannot run
 * here (no Electron), so a fake dialog port answers as a user would; the file is really written
 * by the handler and read back.
 */
describe('report: save as Markdown', () => {
  let practice: PracticeBridge;
  const openedAt: string[] = [];
  let answer: (defaultPath: string) => string | null = (defaultPath) => defaultPath;
  const dialogs: DialogPort = {
    openKeyFiles: async () => [],
    chooseFolder: async () => null,
    saveReportFile: async ({ defaultPath }) => {
      openedAt.push(defaultPath);
      return answer(defaultPath);
    },
    showItemInFolder: async () => undefined,
  };

  beforeAll(async () => {
    await initI18n('en');
    practice = await startPracticeBridge('report-step', { core: { dialogs } });
    await runAdvisedRecovery();
    useRecoverStore.getState().goTo('report');
  }, 120_000);
  afterEach(async () => {
    cleanup();
    await act(() => i18n.changeLanguage('en'));
  });
  afterAll(() => practice.dispose());

  it('saves the report shown where the dialog says and shows the path; cancelled writes nothing', async () => {
    const user = userEvent.setup();
    render(<ReportStep />);
    const shown = await screen.findByTestId('recover-report', {}, { timeout: 20_000 });
    const recoveryId = useRecoveryRunStore.getState().recoveryId ?? '';
    const home = join(practice.root, 'home');
    const offered = join(home, `keyrescue-${recoveryId}.md`);

    await user.click(screen.getByRole('button', { name: 'Save as Markdown…' }));
    expect((await screen.findByTestId('recover-report-saved')).textContent).toBe(`Saved to ${offered}`);
    expect(openedAt).toEqual([offered]);
    expect(await readFile(offered, 'utf8')).toBe(shown.textContent);

    answer = () => null;
    await user.click(screen.getByRole('button', { name: 'Save as Markdown…' }));
    await expect.poll(() => useRecoveryRunStore.getState().reportSave.phase).toBe('cancelled');
    expect(screen.queryByTestId('recover-report-saved')).toBeNull();
    expect((await readdir(home)).filter((name) => name.endsWith('.md'))).toEqual([
      `keyrescue-${recoveryId}.md`,
    ]);
  });

  it('in Japanese: saves the Japanese report, and says in Japanese why a save failed', async () => {
    const user = userEvent.setup();
    await act(() => i18n.changeLanguage('ja'));
    render(<ReportStep />);
    await expect
      .poll(() => screen.queryByTestId('recover-report')?.textContent?.split('\n')[0], { timeout: 20_000 })
      .toBe('# KeyRescue 復旧レポート');
    const chosen = join(practice.root, 'report-ja.md');
    answer = () => chosen;
    await user.click(screen.getByRole('button', { name: 'Markdown として保存…' }));
    expect((await screen.findByTestId('recover-report-saved')).textContent).toBe(`保存先：${chosen}`);
    expect((await readFile(chosen, 'utf8')).split('\n')[0]).toBe('# KeyRescue 復旧レポート');

    const nowhere = join(practice.root, 'no-such-folder', 'r.md');
    answer = () => nowhere;
    await user.click(screen.getByRole('button', { name: 'Markdown として保存…' }));
    expect(await screen.findByText('レポートを保存できませんでした')).toBeTruthy();
    expect(screen.getByText(`${nowhere} の保存先フォルダーが存在しません。`)).toBeTruthy();
    expect(screen.queryByTestId('recover-report-saved')).toBeNull();
  });
});
