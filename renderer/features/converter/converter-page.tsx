import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/layout';
import { ConvertOptions } from './convert-options';
import { ConvertResults } from './convert-results';
import { KeyInputPanel } from './key-input-panel';
import { KeyList } from './key-list';
import './converter.css';

/**
 * The Convert tab: add keys (drop, pick or paste), see what each is, choose the target format and
 * a new passphrase, convert. Main reads and writes the files; this page only sees metadata.
 */
export function ConverterPage() {
  const { t } = useTranslation('converter');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="converter-stack">
        <KeyInputPanel />
        <KeyList />
        <ConvertOptions />
        <ConvertResults />
      </div>
    </>
  );
}
