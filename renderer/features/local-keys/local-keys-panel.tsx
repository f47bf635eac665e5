import { useEffect, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalScanProblem } from '../../../src/ipc/contracts/inventory';
import { Button } from '../../components/button';
import { KeyIcon } from '../../components/icons';
import { Card } from '../../components/layout';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { useInventoryStore } from '../inventory/inventory-store';
import { KeySourcesList, type LocalKeysActions } from './key-sources-list';
import { LockedKeys } from './locked-keys';
import { useLocalKeysStore } from './local-keys-store';
import { ScanProblems } from './scan-problems';
import './local-keys.css';

/** What the sources list may ask of the panel. */
/** Stable empty lists: a zustand selector must not return a new array on every call. */
const noKeys: never[] = [];
const noPaths: never[] = [];

/** Real paths of dropped files, from the preload; a plain browser gives none (only contents). */
function droppedPaths(event: DragEvent): string[] {
  return [...event.dataTransfer.files]
    .map((file) => window.keyrescueFiles?.pathForFile(file) ?? '')
    .filter((path) => path !== '');
}

/** Where private keys are looked for and what each place held, problems, and keys to unlock. */
export function LocalKeysPanel() {
  const { t } = useTranslation('local-keys');
  const errorText = useErrorText();
  const sources = useLocalKeysStore((state) => state.sources);
  const view = useInventoryStore((state) => state.view);
  const localKeys = view?.localKeys ?? noKeys;
  const scan = view?.localScan;
  const [dragging, setDragging] = useState(false);
  const locked = localKeys.filter((key) => key.status === 'needsPassphrase');

  useEffect(() => {
    void useLocalKeysStore
      .getState()
      .load()
      .catch(() => undefined);
  }, []);

  const run = async (action: () => Promise<unknown>, failedTitle = t('failed')) => {
    try {
      await action();
    } catch (error) {
      notify({ tone: 'error', title: failedTitle, message: errorText(error) });
    }
  };
  /** A file the user added that is not a key is said so at once, with the reason. */
  const reportNotKeys = (problems: LocalScanProblem[]) => {
    for (const problem of problems)
      notify({
        tone: 'warning',
        title: t('notKeyAdded'),
        message: errorText({ code: problem.code, message: problem.message, details: { path: problem.path } }),
      });
  };
  const actions: LocalKeysActions = {
    remove: (kind, path) =>
      void run(
        () =>
          kind === 'folder'
            ? useLocalKeysStore.getState().removeFolder(path)
            : useLocalKeysStore.getState().removeFile(path),
        t('removeFailed'),
      ),
  };

  return (
    <Card
      icon={KeyIcon}
      title={t('title')}
      subtitle={t('summary', { count: scan?.keyCount ?? localKeys.length })}
      actions={
        <>
          <Button size="sm" onClick={() => void run(() => useLocalKeysStore.getState().chooseFolder())}>
            {t('addFolder')}
          </Button>
          <Button
            size="sm"
            onClick={() =>
              void run(async () => reportNotKeys(await useLocalKeysStore.getState().chooseFiles()))
            }
          >
            {t('addFiles')}
          </Button>
        </>
      }
    >
      <div
        className={dragging ? 'inventory-dropzone inventory-dropzone-active' : 'inventory-dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const paths = droppedPaths(event);
          if (paths.length)
            void run(async () => reportNotKeys(await useLocalKeysStore.getState().addFiles(paths)));
        }}
      >
        <KeySourcesList
          sshDir={sources?.sshDir}
          folders={sources?.folders ?? noPaths}
          files={sources?.files ?? noPaths}
          counts={scan?.sources ?? noKeys}
          actions={actions}
        />
        <p className="inventory-drop-hint">{t('dropHint')}</p>
      </div>
      {scan ? <ScanProblems scan={scan} /> : null}
      <LockedKeys keys={locked} total={scan?.needsPassphraseCount ?? locked.length} />
    </Card>
  );
}
