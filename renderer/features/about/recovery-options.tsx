import { useTranslation } from 'react-i18next';
import {
  FileTextIcon,
  HardDriveIcon,
  KeyIcon,
  ServerIcon,
  TerminalIcon,
  ZapIcon,
  type IconComponent,
} from '../../components/icons';
import { Badge } from '../../components/layout';
import './about.css';

type Impact = 'noDowntime' | 'needsStop' | 'lastResort';

/**
 * The recovery paths in the order KeyRescue prefers them (research/recovery-paths.md §0), and
 * whether this version runs them (`inApp`): the wizard runs the three that need no stop.
 */
const options: ReadonlyArray<{ id: string; icon: IconComponent; impact: Impact; inApp: boolean }> = [
  { id: 'ssh', icon: KeyIcon, impact: 'noDowntime', inApp: true },
  { id: 'eic', icon: ZapIcon, impact: 'noDowntime', inApp: true },
  { id: 'ssm', icon: ServerIcon, impact: 'noDowntime', inApp: true },
  { id: 'userData', icon: FileTextIcon, impact: 'needsStop', inApp: false },
  { id: 'rescueVolume', icon: HardDriveIcon, impact: 'needsStop', inApp: false },
  { id: 'serialConsole', icon: TerminalIcon, impact: 'lastResort', inApp: false },
];

const impactTone = { noDowntime: 'success', needsStop: 'warning', lastResort: 'neutral' } as const;

/** A numbered list of the ways back into an instance, each with what it costs. */
export function RecoveryOptions() {
  const { t } = useTranslation('about');
  return (
    <ol className="recovery-options">
      {options.map(({ id, icon: Icon, impact, inApp }, index) => (
        <li key={id} className="recovery-option" data-path={id} data-in-app={inApp}>
          <span className="recovery-option-icon">
            <Icon size={18} />
          </span>
          <div className="recovery-option-text">
            <div className="recovery-option-head">
              <h3 className="recovery-option-title">
                <span className="recovery-option-number">{index + 1}.</span> {t(`paths.${id}.title`)}
              </h3>
              <span className="recovery-option-badges">
                <Badge tone={impactTone[impact]}>{t(`paths.${impact}`)}</Badge>
                <Badge tone={inApp ? 'accent' : 'neutral'}>
                  {t(inApp ? 'paths.inApp' : 'paths.notInApp')}
                </Badge>
              </span>
            </div>
            <p className="recovery-option-body">{t(`paths.${id}.body`)}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
