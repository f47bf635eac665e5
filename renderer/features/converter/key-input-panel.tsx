import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Card } from '../../components/layout';
import { Field, TextArea } from '../../components/field';
import { FileTextIcon } from '../../components/icons';
import { notify } from '../../components/toast';
import { useErrorText } from '../../lib/errors';
import { useConverterStore } from './converter-store';
import { readDroppedFiles } from './dropped-files';

/** Where keys come in: a drop zone, the native file picker, or pasted key text. */
export function KeyInputPanel() {
  const { t } = useTranslation('converter');
  const errorText = useErrorText();
  const { addPaths, addText, pickFiles } = useConverterStore();
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    for (const dropped of await readDroppedFiles(event.dataTransfer.files)) {
      if (dropped.kind === 'path') await addPaths([dropped.path]);
      else if (dropped.kind === 'text') await addText(dropped.text, dropped.name);
      else notify({ tone: 'error', title: t('input.tooLarge', { name: dropped.name }) });
    }
  }

  return (
    <Card title={t('input.title')} subtitle={t('input.subtitle')}>
      <div
        className={dragging ? 'converter-drop converter-drop-active' : 'converter-drop'}
        data-testid="converter-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => void onDrop(event)}
      >
        <FileTextIcon size={22} />
        <p>{t('input.drop')}</p>
        <Button
          variant="primary"
          onClick={() =>
            void pickFiles().catch((error: unknown) => notify({ tone: 'error', title: errorText(error) }))
          }
        >
          {t('input.pick')}
        </Button>
      </div>
      <Field label={t('input.pasteLabel')} hint={t('input.pasteHint')} optional>
        {(control) => (
          <TextArea
            {...control}
            mono
            rows={4}
            value={pasted}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setPasted(event.target.value)}
          />
        )}
      </Field>
      <div className="converter-row">
        <Button
          disabled={pasted.trim() === ''}
          onClick={() => {
            void addText(pasted, t('input.pastedLabel'));
            setPasted('');
          }}
        >
          {t('input.addPasted')}
        </Button>
      </div>
    </Card>
  );
}
