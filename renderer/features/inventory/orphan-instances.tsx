import { useTranslation } from 'react-i18next';
import type { InventoryView } from '../../../src/ipc/contracts/inventory';
import { useNavigation } from '../../app/navigation-store';
import { Button } from '../../components/button';
import { LifeBuoyIcon } from '../../components/icons';
import { Notice } from '../../components/notice';
import { useRecoverHandoff } from './recover-handoff';

/**
 * Instances whose launch named a key pair that no longer exists in EC2: nobody can download that
 * key again, so they are offered the recovery flow like at-risk key pairs.
 */
export function OrphanInstances({ view }: { view: InventoryView }) {
  const { t } = useTranslation('inventory');
  const navigate = useNavigation((state) => state.navigate);
  const request = useRecoverHandoff((state) => state.request);
  const orphans = view.regions.flatMap((region) =>
    region.orphanInstances.map((instance) => ({ ...instance, region: region.region })),
  );
  if (orphans.length === 0) return null;
  const recover = () => {
    request(
      orphans.map((instance) => ({
        region: instance.region,
        instanceId: instance.id,
        instanceName: instance.name,
        keyName: instance.keyName,
      })),
    );
    navigate('recover');
  };
  return (
    <Notice
      tone="warning"
      title={t('orphans.title', { count: orphans.length })}
      actions={
        <Button size="sm" icon={LifeBuoyIcon} onClick={recover}>
          {t('detail.recover')}
        </Button>
      }
    >
      <ul className="inventory-detail-list" data-testid="orphan-instances">
        {orphans.map((instance) => (
          <li key={`${instance.region}/${instance.id}`}>
            <code>{instance.id}</code> {instance.name ?? ''} —{' '}
            {t('orphans.keyName', { keyName: instance.keyName, region: instance.region })}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
