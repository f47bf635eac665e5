import { useTranslation } from 'react-i18next';
import type { LocalSourceCount, LocalSourceKind } from '../../../src/ipc/contracts/inventory';
import { Button } from '../../components/button';
import { Badge } from '../../components/layout';

/** What the list may ask of its panel (removing a source runs through the panel's error toast). */
export interface LocalKeysActions {
  remove(kind: LocalSourceKind, path: string): void;
}

/** What one place held: its key count, or why it gave none. */
function SourceState({ count }: { count: LocalSourceCount | undefined }) {
  const { t } = useTranslation('local-keys');
  if (!count) return null;
  if (count.status !== 'ok' && count.keys === 0)
    return <Badge tone="warning">{t(`sourceStatus.${count.status}`)}</Badge>;
  return <Badge tone={count.keys ? 'success' : 'neutral'}>{t('sourceKeys', { count: count.keys })}</Badge>;
}

interface Row {
  kind: LocalSourceKind;
  path: string;
  removable: boolean;
}

/**
 * Every place keys are looked for (~/.ssh, added folders and files, the practice keys folder, the
 * keys KeyRescue wrote), each with how many keys it held; added ones can be taken off the list.
 */
export function KeySourcesList({
  sshDir,
  folders,
  files,
  counts,
  actions,
}: {
  sshDir: string | undefined;
  folders: readonly string[];
  files: readonly string[];
  counts: readonly LocalSourceCount[];
  actions: LocalKeysActions;
}) {
  const { t } = useTranslation('local-keys');
  const byPath = new Map(counts.map((count) => [`${count.kind}:${count.path}`, count]));
  const rows: Row[] = [
    ...(sshDir ? [{ kind: 'sshDir' as const, path: sshDir, removable: false }] : []),
    ...folders.map((path) => ({ kind: 'folder' as const, path, removable: true })),
    ...counts
      .filter((count) => count.kind === 'practice')
      .map((count) => ({ kind: count.kind, path: count.path, removable: false })),
    ...files.map((path) => ({ kind: 'file' as const, path, removable: true })),
  ];
  const written = counts.filter((count) => count.kind === 'written');
  const writtenKeys = written.reduce((sum, count) => sum + count.keys, 0);
  return (
    <ul className="inventory-sources local-key-sources" aria-label={t('sources')}>
      {rows.map((row) => (
        <li key={`${row.kind}:${row.path}`} data-testid="key-source">
          <span className="local-key-source-kind">{t(`kinds.${row.kind}`)}</span>
          <code>{row.path}</code>
          {row.kind === 'sshDir' ? <Badge>{t('always')}</Badge> : null}
          <SourceState count={byPath.get(`${row.kind}:${row.path}`)} />
          {row.removable ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => actions.remove(row.kind, row.path)}
              aria-label={t('removeLabel', { path: row.path })}
            >
              {t('remove')}
            </Button>
          ) : null}
        </li>
      ))}
      {written.length ? (
        <li data-testid="key-source">
          <details className="local-key-written">
            <summary>
              <span className="local-key-source-kind">{t('kinds.written')}</span>{' '}
              <Badge tone={writtenKeys ? 'success' : 'neutral'}>{t('written', { count: writtenKeys })}</Badge>
            </summary>
            <ul>
              {written.map((count) => (
                <li key={count.path}>
                  <code>{count.path}</code> <SourceState count={count} />
                </li>
              ))}
            </ul>
          </details>
        </li>
      ) : null}
    </ul>
  );
}
