import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation-store';
import { Button } from '../../components/button';
import { HelpIcon, LifeBuoyIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/layout';
import { Notice } from '../../components/notice';
import { RecoveryOptions } from '../about/recovery-options';
import { useRecoverHandoff, type RecoverTarget } from '../inventory/recover-handoff';
import './recover.css';

/**
 * Placeholder until the recovery engine lands: says what recovery will do and which paths exist,
 * so the page is useful (and honest) today.
 */
export function RecoverPage() {
  const { t } = useTranslation('recover');
  const navigate = useNavigation((state) => state.navigate);
  // Instances sent here with "Recover access…" in the inventory, read once when the page opens.
  const [targets] = useState<RecoverTarget[]>(() => useRecoverHandoff.getState().take());
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="recover-stack">
        {targets.length > 0 && (
          <Card
            icon={LifeBuoyIcon}
            title={t('targetsTitle', { count: targets.length })}
            subtitle={t('targetsSubtitle')}
          >
            <ul className="recover-targets" aria-label={t('targetsTitle', { count: targets.length })}>
              {targets.map((target) => (
                <li key={`${target.region}/${target.instanceId}`}>
                  <strong>{target.instanceName ?? target.instanceId}</strong>{' '}
                  <span className="recover-target-facts">
                    {t('targetFacts', {
                      id: target.instanceId,
                      region: target.region,
                      keyName: target.keyName,
                    })}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
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
