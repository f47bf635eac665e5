import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyPairEntry } from '../../../src/ipc/contracts/inventory';
import { useNavigation } from '../../app/navigation-store';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { CloseIcon, LifeBuoyIcon } from '../../components/icons';
import { Card, FactList } from '../../components/layout';
import { Notice } from '../../components/notice';
import { PrivateKeyBadge } from './key-pair-table';
import { useRecoverHandoff } from './recover-handoff';

/** Everything about one key pair: public key, fingerprint, instances, matched files, tags, actions. */
export function KeyPairDetail({
  keyPair,
  onDelete,
  onClose,
}: {
  keyPair: KeyPairEntry;
  onDelete: () => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('inventory');
  const sectionRef = useRef<HTMLElement>(null);
  const created = keyPair.createTime
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(keyPair.createTime),
      )
    : null;
  // Where the details sit below the table (a narrow page), bring them into view when a row opens.
  // Only the page's own scroller moves (scrollIntoView would also shift the window under the title bar).
  useEffect(() => {
    const card = sectionRef.current?.closest('.card');
    const scroller = card?.closest('main');
    if (!card || !scroller) return;
    const top = card.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    if (top < 0 || top > scroller.clientHeight - 120)
      scroller.scrollTo?.({ top: scroller.scrollTop + top - 16 });
  }, [keyPair.region, keyPair.name]);
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
        <>
          <Button size="sm" variant="danger" onClick={onDelete}>
            {t('detail.delete')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            icon={CloseIcon}
            onClick={onClose}
            aria-label={t('detail.close')}
            title={t('detail.close')}
          />
        </>
      }
    >
      <section
        ref={sectionRef}
        aria-label={t('detail.title', { name: keyPair.name })}
        data-testid="key-pair-detail"
      >
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
            {
              id: 'created',
              label: t('columns.created'),
              value:
                keyPair.createTime && created ? (
                  <time dateTime={keyPair.createTime} title={keyPair.createTime}>
                    {created}
                  </time>
                ) : (
                  '—'
                ),
            },
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
        {keyPair.instances.length ? (
          <>
            <h3 className="inventory-detail-heading">
              {t('detail.instances', { count: keyPair.instances.length })}
            </h3>
            <ul className="inventory-detail-list" data-testid="key-pair-instances">
              {keyPair.instances.map((instance) => (
                <li key={instance.id} className="inventory-instance">
                  <code>{instance.id}</code>
                  {instance.name ? <strong>{instance.name}</strong> : null}
                  {[
                    t(`states.${instance.state}`, { defaultValue: instance.state }),
                    instance.availabilityZone,
                    instance.platform,
                    instance.publicIp,
                  ]
                    .filter(Boolean)
                    .map((fact) => (
                      <span key={fact} className="inventory-instance-fact">
                        {fact}
                      </span>
                    ))}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            {/* One sentence when none: the heading does not repeat it as "0 instances". */}
            <h3 className="inventory-detail-heading">{t('columns.instances')}</h3>
            <p className="inventory-muted" data-testid="key-pair-no-instances">
              {t('detail.noInstances')}
            </p>
          </>
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
