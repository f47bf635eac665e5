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

/** The recovery paths in the order KeyRescue prefers them (research/recovery-paths.md §0). */
const options: ReadonlyArray<{ id: string; icon: IconComponent; impact: Impact }> = [
  { id: 'ssh', icon: KeyIcon, impact: 'noDowntime' },
  { id: 'eic', icon: ZapIcon, impact: 'noDowntime' },
  { id: 'ssm', icon: ServerIcon, impact: 'noDowntime' },
  { id: 'userData', icon: FileTextIcon, impact: 'needsStop' },
  { id: 'rescueVolume', icon: HardDriveIcon, impact: 'needsStop' },
  { id: 'serialConsole', icon: TerminalIcon, impact: 'lastResort' },
];

const impactTone = { noDowntime: 'success', needsStop: 'warning', lastResort: 'neutral' } as const;

/** A numbered list of the ways back into an instance, each with what it costs. */
export function RecoveryOptions() {
  const { t } = useTranslation('about');
  return (
    <ol className="recovery-options">
      {options.map(({ id, icon: Icon, impact }, index) => (
        <li key={id} className="recovery-option" data-path={id}>
          <span className="recovery-option-icon">
            <Icon size={18} />
          </span>
          <div className="recovery-option-text">
            <div className="recovery-option-head">
              <h3 className="recovery-option-title">
                <span className="recovery-option-number">{index + 1}.</span> {t(`paths.${id}.title`)}
              </h3>
              <Badge tone={impactTone[impact]}>{t(`paths.${impact}`)}</Badge>
            </div>
            <p className="recovery-option-body">{t(`paths.${id}.body`)}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
