import { useTranslation } from 'react-i18next';
import type { LocalScanSummary } from '../../../src/ipc/contracts/inventory';
import { useErrorText } from '../../lib/errors';

/** Problems shown at once; the rest are counted. */
const shownProblems = 20;

/** Files that gave no key, each with the reason, and what that means for "at risk". */
export function ScanProblems({ scan }: { scan: LocalScanSummary }) {
  const { t } = useTranslation('local-keys');
  const errorText = useErrorText();
  if (!scan.problemCount && !scan.skippedFiles) return null;
  const shown = scan.problems.slice(0, shownProblems);
  return (
    <div className="local-key-problems" data-testid="scan-problems">
      {scan.problemCount ? (
        <p className="local-key-problems-title">{t('problems', { count: scan.problemCount })}</p>
      ) : null}
      {scan.unreadableCount ? <p>{t('incomplete')}</p> : null}
      <ul>
        {shown.map((problem) => (
          <li key={problem.path}>
            {errorText({ code: problem.code, message: problem.message, details: { path: problem.path } })}
          </li>
        ))}
      </ul>
      {scan.problemCount > shown.length ? (
        <p>{t('moreProblems', { count: scan.problemCount - shown.length })}</p>
      ) : null}
      {scan.skippedFiles ? <p>{t('skipped', { count: scan.skippedFiles })}</p> : null}
    </div>
  );
}
