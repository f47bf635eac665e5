import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/notice';
import { Spinner } from '../../components/spinner';
import { useErrorText } from '../../lib/errors';
import type { DeletePreview } from './delete-key-pair-store';
import './delete-preview.css';

/**
 * What a key pair's delete would leave behind (`keypairs:deletePreview`): the instances and launch
 * templates that still name it. One view for the inventory's delete dialog and the recover wizard's
 * cleanup, so both warn alike. `error`: the preview (or the delete) failed; null preview: loading.
 */
export function DeletePreviewPanel({ preview, error }: { preview: DeletePreview | null; error: unknown }) {
  const { t } = useTranslation('inventory');
  const errorText = useErrorText();
  return (
    <>
      {error ? <Notice tone="error">{errorText(error)}</Notice> : null}
      {preview === null && !error ? <Spinner label={t('delete.checking')} /> : null}
      {preview ? (
        <div className="delete-preview" data-testid="delete-preview" data-key-pair-id={preview.keyPair.id}>
          {preview.instances.length ? (
            <Notice tone="warning" title={t('delete.stillUsed', { count: preview.instances.length })}>
              <ul data-testid="delete-instances">
                {preview.instances.map((instance) => (
                  <li key={instance.id}>
                    <code>{instance.id}</code> {instance.name ?? ''}
                    {t('delete.instanceState', {
                      state: t(`states.${instance.state}`, { defaultValue: instance.state }),
                    })}
                  </li>
                ))}
              </ul>
              <p>{t('delete.stillUsedBody')}</p>
            </Notice>
          ) : (
            <p>{t('delete.unused')}</p>
          )}
          {preview.launchTemplates.length ? (
            <Notice tone="warning" title={t('delete.templates', { count: preview.launchTemplates.length })}>
              <ul data-testid="delete-templates">
                {preview.launchTemplates.map((template) => (
                  <li key={`${template.id}:${template.version}`}>
                    {template.name}
                    {t('delete.templateVersion', { id: template.id, version: template.version })}
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {!preview.launchTemplatesReadable ? (
            <p className="delete-preview-muted">{t('delete.templatesUnknown')}</p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
