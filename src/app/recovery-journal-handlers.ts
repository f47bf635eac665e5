import type { recoveryJournalContract } from '../ipc/contracts/recovery-run';
import type { Handlers } from '../ipc/router';
import type { RecoveryJournals } from '../recovery/journal';
import { renderJournalReport, type ReportLanguage } from '../recovery/journal';
import { addKeyScript } from '../recovery/scripts/authorized-key-script';
import type { RecoveryReportFiles } from './recovery-report-files';

/**
 * The recovery channels that need no AWS call: the journals on disk (unfinished list, abandon,
 * report) and the script itself. They live outside the lazily loaded AWS stack, so the start-up
 * prompt for unfinished recoveries does not load the SDK.
 */
export function createRecoveryJournalHandlers(
  journals: RecoveryJournals,
  reportFiles: RecoveryReportFiles,
): Pick<Handlers, keyof typeof recoveryJournalContract> {
  const report = async (recoveryId: string, language: ReportLanguage) => {
    const { entries } = await journals.read(recoveryId);
    return { markdown: renderJournalReport(entries, language), suggestedName: `keyrescue-${recoveryId}.md` };
  };
  return {
    'recovery:unfinished': () => journals.listUnfinished(),
    'recovery:abandon': async ({ recoveryId, reason }) => {
      await journals.markAbandoned(recoveryId, reason || undefined);
      return { recoveryId };
    },
    'recovery:report': ({ recoveryId, language }) => report(recoveryId, language),
    // Rendered here from the journal, not taken from the window: the file holds what the journal says.
    'recovery:saveReport': async ({ recoveryId, language }) => {
      const { markdown, suggestedName } = await report(recoveryId, language);
      const path = await reportFiles.save(suggestedName, markdown);
      return path ? { status: 'saved', path } : { status: 'cancelled' };
    },
    // The public key comes from the window, so the script's own checks (one key line, a safe user
    // name) refuse anything else before a script exists.
    'recovery:script': async ({ targetUser, publicKey }) => ({
      script: addKeyScript({ targetUser, publicKey }),
    }),
  };
}
