import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/button';
import { Input } from '../../components/field';
import type { TagRow } from './new-key-rules';
import { useNewKeyStore } from './new-key-store';

/** Key/value rows for the key pair's tags (AWS allows 50; keys may not start with `aws:`). */
export function TagsEditor() {
  const { t } = useTranslation('new-key');
  const { tags, edit } = useNewKeyStore(
    useShallow((state) => ({ tags: state.draft.tags, edit: state.edit })),
  );
  const update = (index: number, change: Partial<TagRow>) =>
    edit({ tags: tags.map((tag, at) => (at === index ? { ...tag, ...change } : tag)) });
  return (
    <fieldset className="new-key-tags">
      <legend className="field-label">{t('tags.label')}</legend>
      {tags.map((tag, index) => (
        <div className="new-key-tag-row" key={index}>
          <Input
            aria-label={t('tags.key', { n: index + 1 })}
            value={tag.key}
            maxLength={128}
            onChange={(event) => update(index, { key: event.target.value })}
            placeholder={t('tags.keyPlaceholder')}
          />
          <Input
            aria-label={t('tags.value', { n: index + 1 })}
            value={tag.value}
            maxLength={256}
            onChange={(event) => update(index, { value: event.target.value })}
            placeholder={t('tags.valuePlaceholder')}
          />
          <Button
            size="sm"
            variant="ghost"
            onClick={() => edit({ tags: tags.filter((_, at) => at !== index) })}
            aria-label={t('tags.remove', { n: index + 1 })}
          >
            {t('tags.removeShort')}
          </Button>
        </div>
      ))}
      {tags.length < 50 ? (
        <div className="new-key-tags-add">
          <Button size="sm" onClick={() => edit({ tags: [...tags, { key: '', value: '' }] })}>
            {t('tags.add')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
