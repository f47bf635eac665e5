import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../app/app-store';
import { AppLogo } from '../../components/app-logo';
import { HelpIcon, InfoIcon, LifeBuoyIcon, SearchIcon, ShieldIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/layout';
import { Notice } from '../../components/notice';
import { RecoveryOptions } from './recovery-options';
import './about.css';

const faqIds = ['upload', 'sameName', 'oldName', 'data', 'practice'] as const;
const featureIds = ['inventory', 'newKey', 'converter', 'recover'] as const;

/** Plain-words explanation of lost keys, the ways back in, and common questions. */
export function AboutPage() {
  const { t } = useTranslation('about');
  const { t: tApp } = useTranslation('app');
  const info = useAppStore((state) => state.info);

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="about-stack">
        <Card icon={ShieldIcon} title={t('does.title')}>
          <ul className="check-list" data-testid="about-features">
            {featureIds.map((id) => (
              <li key={id}>{t(`does.${id}`)}</li>
            ))}
          </ul>
        </Card>

        <Card icon={InfoIcon} title={t('why.title')}>
          <div className="prose">
            <p>{t('why.p1')}</p>
            <p>{t('why.p2')}</p>
            <p>{t('why.p3')}</p>
          </div>
        </Card>

        <Card icon={SearchIcon} title={t('checks.title')} subtitle={t('checks.body')}>
          <ul className="check-list">
            <li>{withCode(t('checks.cloudFormation', { path: '\u0000' }), '/ec2/keypair/<KeyPairId>')}</li>
            <li>
              {withCode(t('checks.resetAccess', { path: '\u0000' }), '/ec2rl/openssh/<instance-id>/key')}
            </li>
          </ul>
        </Card>

        <Card icon={LifeBuoyIcon} title={t('paths.title')} subtitle={t('paths.subtitle')}>
          <RecoveryOptions />
          <div className="about-note">
            <Notice tone="info">
              <p>{t('paths.instanceStore')}</p>
            </Notice>
          </div>
        </Card>

        <Card icon={HelpIcon} title={t('faq.title')}>
          <div className="faq">
            {faqIds.map((id) => (
              <details key={id} className="faq-item" data-faq={id}>
                <summary className="faq-question">{t(`faq.${id}.q`)}</summary>
                <p className="faq-answer">{t(`faq.${id}.a`)}</p>
              </details>
            ))}
          </div>
        </Card>

        {info ? (
          <footer className="about-footer">
            <AppLogo size={22} />
            <span>
              {info.name} · {tApp('version', { version: info.version })}
            </span>
          </footer>
        ) : null}
      </div>
    </>
  );
}

/** Puts a path into a translated sentence as `<code>`, wherever each language places it. */
function withCode(sentence: string, code: string) {
  const [before, after] = sentence.split('\u0000');
  return (
    <>
      {before}
      <code>{code}</code>
      {after}
    </>
  );
}
