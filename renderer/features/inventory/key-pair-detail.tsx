import { useTranslation } from 'react-i18next';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';
import { useNavigation } from '../../app/navigation-store';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { LifeBuoyIcon } from '../../components/icons';
import { Card, FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { PrivateKeyBadge } from './key-pair-table';
import { useRecoverHandoff } from './recover-handoff';

/** Everything about one key pair: public key, fingerprint, instances, matched files, tags, actions. */
export function KeyPairDetail({ keyPair, onDelete }: { keyPair: KeyPairEntry; onDelete: () => void }) {
  const { t } = useTranslation('inventory');
  const navigate = useNavigation((state) => state.navigate);
  const requestRecovery = useRecoverHandoff((state) => state.request);
  const recover = () => {
    requestRecovery(
      keyPair.instances.map((instance) => ({
        region: keyPair.region,
        instanceId: instance.id,
        instanceName: instance.name,
        keyName: keyPair.name,
      })),
    );
    navigate('recover');
  };

  return (
    <Card
      className="inventory-detail"
      title={keyPair.name}
      subtitle={`${keyPair.region} · ${keyPair.id}`}
      actions={
        <Button size="sm" variant="danger" onClick={onDelete}>
          {t('detail.delete')}
        </Button>
      }
    >
      <section aria-label={t('detail.title', { name: keyPair.name })} data-testid="key-pair-detail">
        {keyPair.atRisk ? (
          <Notice
            tone="error"
            title={t('detail.atRiskTitle')}
            actions={
              <Button size="sm" variant="primary" icon={LifeBuoyIcon} onClick={recover}>
                {t('detail.recover')}
              </Button>
            }
          >
            <p>{t('detail.atRiskBody', { count: keyPair.instances.length })}</p>
          </Notice>
        ) : null}
        <FactList
          items={[
            {
              id: 'type',
              label: t('columns.type'),
              value: keyPair.type === 'ed25519' ? 'Ed25519' : keyPair.type.toUpperCase(),
            },
            {
              id: 'fingerprint',
              label: t('detail.fingerprint'),
              value: (
                <span className="inventory-copyable">
                  <code>{keyPair.fingerprint}</code>{' '}
                  <CopyButton text={keyPair.fingerprint} iconOnly label={t('detail.copyFingerprint')} />
                </span>
              ),
            },
            { id: 'created', label: t('columns.created'), value: keyPair.createTime ?? '—' },
            { id: 'private', label: t('columns.privateKey'), value: <PrivateKeyBadge keyPair={keyPair} /> },
          ]}
        />
        <h3 className="inventory-detail-heading">{t('detail.matchedFiles')}</h3>
        {keyPair.localMatches.length ? (
          <ul className="inventory-detail-list">
            {keyPair.localMatches.map((match) => (
              <li key={match.path}>
                <code>{match.path}</code>{' '}
                <span className="inventory-muted">({t(`rules.${match.rule}`)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="inventory-muted">{t('detail.noMatchedFiles')}</p>
        )}
        <h3 className="inventory-detail-heading">
          {t('detail.instances', { count: keyPair.instances.length })}
        </h3>
        {keyPair.instances.length ? (
          <ul className="inventory-detail-list" data-testid="key-pair-instances">
            {keyPair.instances.map((instance) => (
              <li key={instance.id}>
                <code>{instance.id}</code> {instance.name ? <strong>{instance.name}</strong> : null}{' '}
                <span className="inventory-muted">
                  {[
                    t(`states.${instance.state}`, { defaultValue: instance.state }),
                    instance.availabilityZone,
                    instance.platform,
                    instance.publicIp,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="inventory-muted">{t('detail.noInstances')}</p>
        )}
        {keyPair.instances.length && !keyPair.atRisk ? (
          <Button size="sm" icon={LifeBuoyIcon} onClick={recover}>
            {t('detail.recover')}
          </Button>
        ) : null}
        <h3 className="inventory-detail-heading">{t('detail.tags')}</h3>
        {keyPair.tags.length ? (
          <ul className="inventory-detail-list">
            {keyPair.tags.map((tag) => (
              <li key={tag.key}>
                <code>{tag.key}</code> = <code>{tag.value}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="inventory-muted">{t('detail.noTags')}</p>
        )}
        <h3 className="inventory-detail-heading">{t('detail.publicKey')}</h3>
        {keyPair.publicKey ? (
          <>
            <pre className="inventory-public-key">{keyPair.publicKey}</pre>
            <CopyButton text={keyPair.publicKey} label={t('detail.copyPublicKey')} />
          </>
        ) : (
          <p className="inventory-muted">{t('detail.noPublicKey')}</p>
        )}
      </section>
    </Card>
  );
}
