import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ConsoleHostKeysDto } from '../../../src/ipc/contracts/recovery';
import { Button } from '../../components/button';
import { Notice } from '../../components/notice';
import { useErrorText } from '../../lib/errors';
import {
  comparisonOf,
  sameSubject,
  useHostKeyCompareStore,
  type CompareSubject,
} from './host-key-compare-store';

/**
 * "Compare with the console output" beside a host key fingerprint SSH showed: reads the keys the
 * instance printed at boot and says whether the fingerprint is one of them (issue 10 §4).
 * `accepted`: the wizard already trusted the key (accept-new); otherwise the connection was refused.
 */
export function HostKeyCompare({ subject, accepted }: { subject: CompareSubject; accepted: boolean }) {
  const { t, i18n } = useTranslation('recover');
  const errorText = useErrorText();
  const { asked, status, result, error, compare } = useHostKeyCompareStore(
    useShallow((state) => ({
      asked: state.subject,
      status: state.status,
      result: state.result,
      error: state.error,
      compare: state.compare,
    })),
  );
  // What the store holds for another fingerprint or instance is not this one's answer.
  const current = sameSubject(asked, subject);
  const reading = current && status === 'reading';
  const at = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const params = { fingerprint: subject.fingerprint, instanceId: subject.instanceId };

  return (
    <div className="recover-stack" data-testid="host-key-compare">
      <div>
        <Button size="sm" busy={reading} onClick={() => void compare(subject)}>
          {reading
            ? t('hostKeyCompare.reading')
            : current && status !== 'idle'
              ? t('hostKeyCompare.again')
              : t('hostKeyCompare.action')}
        </Button>
      </div>
      {current && status === 'failed' ? (
        <Notice tone="error" title={t('hostKeyCompare.failed')}>
          <p>{errorText(error)}</p>
        </Notice>
      ) : null}
      {current && status === 'done' && result ? (
        <Verdict result={result} subject={subject} accepted={accepted} params={params} at={at} />
      ) : null}
    </div>
  );
}

function Verdict({
  result,
  subject,
  accepted,
  params,
  at,
}: {
  result: ConsoleHostKeysDto;
  subject: CompareSubject;
  accepted: boolean;
  params: { fingerprint: string; instanceId: string };
  at: (iso: string) => string;
}) {
  const { t } = useTranslation('recover');
  const comparison = comparisonOf(result, subject.fingerprint);
  const printed = result.keys.length ? (
    <>
      <p>{t('hostKeyCompare.printed')}</p>
      <ul data-testid="console-host-keys">
        {result.keys.map((key) => (
          <li key={key.fingerprint}>
            {key.type} <code>{key.fingerprint}</code>
          </li>
        ))}
      </ul>
      {result.capturedAt ? <p>{t('hostKeyCompare.capturedAt', { at: at(result.capturedAt) })}</p> : null}
    </>
  ) : null;
  switch (comparison.kind) {
    case 'match':
      return (
        <Notice tone="success" title={t('hostKeyCompare.matchTitle')}>
          <p data-testid="host-key-verdict" data-verdict="match">
            {t('hostKeyCompare.matchBody', { ...params, type: comparison.type })}
          </p>
        </Notice>
      );
    case 'mismatch':
      return (
        <Notice tone="error" title={t('hostKeyCompare.mismatchTitle')}>
          <p data-testid="host-key-verdict" data-verdict="mismatch">
            {t('hostKeyCompare.mismatchBody', params)}{' '}
            {t(accepted ? 'hostKeyCompare.mismatchAccepted' : 'hostKeyCompare.mismatchRefused')}
          </p>
          {printed}
        </Notice>
      );
    default:
      return (
        <Notice tone="warning" title={t(`hostKeyCompare.${comparison.kind}Title`)}>
          <p data-testid="host-key-verdict" data-verdict={comparison.kind}>
            {t(`hostKeyCompare.${comparison.kind}Body`, params)}
          </p>
          <p>{t(accepted ? 'hostKeyCompare.otherWayAccepted' : 'hostKeyCompare.otherWayRefused', params)}</p>
        </Notice>
      );
  }
}
