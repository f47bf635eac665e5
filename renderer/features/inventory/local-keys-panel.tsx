import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { FileTextIcon, KeyIcon } from '../../components/icons';
import { Badge, Card } from '../../components/layout';
import { notify } from '../../components/toast';
import { api } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useInventoryStore } from './inventory-store';

/** Stable empty list: a zustand selector must not return a new array on every call. */
const noKeys: never[] = [];

/** Electron's preload may add the real path of a dropped file; a plain browser has none. */
/** Real paths of dropped files, from the preload; a plain browser gives none (only contents). */
function droppedPaths(event: DragEvent): string[] {
  return [...event.dataTransfer.files]
    .map((file) => window.keyrescueFiles?.pathForFile(file) ?? '')
    .filter((path) => path !== '');
}

/** Where private keys are looked for, what was found, and which keys need a passphrase to match. */
export function LocalKeysPanel() {
  const { t } = useTranslation('inventory');
  const errorText = useErrorText();
  const sources = useInventoryStore((state) => state.sources);
  const localKeys = useInventoryStore((state) => state.view?.localKeys ?? noKeys);
  const addFolder = useInventoryStore((state) => state.addFolder);
  const removeFolder = useInventoryStore((state) => state.removeFolder);
  const addFiles = useInventoryStore((state) => state.addFiles);
  const [dragging, setDragging] = useState(false);
  const locked = localKeys.filter((key) => key.status === 'needsPassphrase');

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      notify({ tone: 'error', title: t('local.failed'), message: errorText(error) });
    }
  };
  const chooseFolder = () =>
    run(async () => {
      const { path } = await api.invoke('dialog:chooseFolder', {});
      if (path) await addFolder(path);
    });
  const chooseFiles = () =>
    run(async () => {
      const { paths } = await api.invoke('dialog:openKeyFiles', { multiple: true });
      if (paths.length) await addFiles(paths);
    });

  return (
    <Card
      icon={KeyIcon}
      title={t('local.title')}
      subtitle={t('local.summary', { count: localKeys.length })}
      actions={
        <>
          <Button size="sm" onClick={() => void chooseFolder()}>
            {t('local.addFolder')}
          </Button>
          <Button size="sm" onClick={() => void chooseFiles()}>
            {t('local.addFiles')}
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
          if (paths.length) void run(() => addFiles(paths));
        }}
      >
        <ul className="inventory-sources" aria-label={t('local.sources')}>
          {sources ? (
            <li>
              <code>{sources.sshDir}</code> <Badge>{t('local.always')}</Badge>
            </li>
          ) : null}
          {sources?.folders.map((folder) => (
            <li key={folder}>
              <code>{folder}</code>{' '}
              <Button
                size="sm"
                variant="ghost"
                onClick={() => void run(() => removeFolder(folder))}
                aria-label={t('local.removeFolder', { folder })}
              >
                {t('local.remove')}
              </Button>
            </li>
          ))}
          {sources?.files.map((file) => (
            <li key={file}>
              <FileTextIcon size={14} /> <code>{file}</code>
            </li>
          ))}
        </ul>
        <p className="inventory-drop-hint">{t('local.dropHint')}</p>
      </div>
      {locked.length ? (
        <div className="inventory-locked" data-testid="needs-passphrase">
          <p>{t('local.needsPassphrase', { count: locked.length })}</p>
          <ul>
            {locked.map((key) => (
              <li key={key.path}>
                <code>{key.path}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
