import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Input } from '../../components/field';

export interface TagRow {
  key: string;
  value: string;
}

/** Key/value rows for the key pair's tags (AWS allows 50; keys may not start with `aws:`). */
export function TagsEditor({ tags, onChange }: { tags: TagRow[]; onChange: (tags: TagRow[]) => void }) {
  const { t } = useTranslation('new-key');
  const update = (index: number, change: Partial<TagRow>) =>
    onChange(tags.map((tag, at) => (at === index ? { ...tag, ...change } : tag)));
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
            onClick={() => onChange(tags.filter((_, at) => at !== index))}
            aria-label={t('tags.remove', { n: index + 1 })}
          >
            {t('tags.removeShort')}
          </Button>
        </div>
      ))}
      {tags.length < 50 ? (
        <Button size="sm" onClick={() => onChange([...tags, { key: '', value: '' }])}>
          {t('tags.add')}
        </Button>
      ) : null}
    </fieldset>
  );
}

/** Rows with an empty key are dropped; the rest are sent as typed. */
export function cleanTags(tags: TagRow[]): TagRow[] {
  return tags
    .filter((tag) => tag.key.trim() !== '')
    .map((tag) => ({ key: tag.key.trim(), value: tag.value }));
}
