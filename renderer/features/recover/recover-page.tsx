import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation-store';
import { Button } from '../../components/button';
import { HelpIcon, LifeBuoyIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/layout';
import { Notice } from '../../components/notice';
import { RecoveryOptions } from '../about/recovery-options';
import './recover.css';

/**
 * Placeholder until the recovery engine lands: says what recovery will do and which paths exist,
 * so the page is useful (and honest) today.
 */
export function RecoverPage() {
  const { t } = useTranslation('recover');
  const navigate = useNavigation((state) => state.navigate);
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="recover-stack">
        <Notice
          tone="info"
          title={t('comingSoonTitle')}
          actions={
            <Button size="sm" icon={HelpIcon} onClick={() => navigate('about')}>
              {t('readFaq')}
            </Button>
          }
        >
          <p>{t('comingSoonBody')}</p>
        </Notice>
        <Card icon={LifeBuoyIcon} title={t('pathsTitle')} subtitle={t('pathsSubtitle')}>
          <RecoveryOptions />
        </Card>
      </div>
    </>
  );
}
