import type { ReactNode, SVGProps } from 'react';

/** Props every icon takes; icons are decorative (aria-hidden) unless given a `title`. */
export interface IconProps extends Omit<SVGProps<SVGSVGElement>, 'children'> {
  size?: number;
  title?: string;
}

/** A 24×24 stroke icon in the Lucide style (ISC-licensed shapes), drawn in `currentColor`. */
function StrokeIcon({ size = 18, title, children, className, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.9}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className ? `icon ${className}` : 'icon'}
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      focusable="false"
      {...rest}
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

/** Icon component type, for props that take "an icon". */
export type IconComponent = (props: IconProps) => ReactNode;

export const LayersIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="m12.83 2.18a2 2 0 0 0-1.66 0L2.6 6.08a1 1 0 0 0 0 1.83l8.58 3.91a2 2 0 0 0 1.66 0l8.58-3.9a1 1 0 0 0 0-1.83Z" />
    <path d="m22 17.65-9.17 4.16a2 2 0 0 1-1.66 0L2 17.65" />
    <path d="m22 12.65-9.17 4.16a2 2 0 0 1-1.66 0L2 12.65" />
  </StrokeIcon>
);

export const KeyPlusIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="7.5" cy="15.5" r="5.5" />
    <path d="m11.4 11.6 5.6-5.6" />
    <path d="m14.5 8.5 2.5 2.5" />
    <path d="M19.5 2v5" />
    <path d="M17 4.5h5" />
  </StrokeIcon>
);

export const KeyIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="7.5" cy="15.5" r="5.5" />
    <path d="m21 2-9.6 9.6" />
    <path d="m15.5 7.5 3 3L22 7l-3-3" />
  </StrokeIcon>
);

export const ConvertIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M8 3 4 7l4 4" />
    <path d="M4 7h16" />
    <path d="m16 21 4-4-4-4" />
    <path d="M20 17H4" />
  </StrokeIcon>
);

export const LifeBuoyIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="m4.93 4.93 4.24 4.24" />
    <path d="m14.83 9.17 4.24-4.24" />
    <path d="m14.83 14.83 4.24 4.24" />
    <path d="m9.17 14.83-4.24 4.24" />
    <circle cx="12" cy="12" r="4" />
  </StrokeIcon>
);

export const SettingsIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M12.22 2h-.44a2 2 0 0 0-2 2v.18a2 2 0 0 1-1 1.73l-.43.25a2 2 0 0 1-2 0l-.15-.08a2 2 0 0 0-2.73.73l-.22.38a2 2 0 0 0 .73 2.73l.15.1a2 2 0 0 1 1 1.72v.51a2 2 0 0 1-1 1.74l-.15.09a2 2 0 0 0-.73 2.73l.22.38a2 2 0 0 0 2.73.73l.15-.08a2 2 0 0 1 2 0l.43.25a2 2 0 0 1 1 1.73V20a2 2 0 0 0 2 2h.44a2 2 0 0 0 2-2v-.18a2 2 0 0 1 1-1.73l.43-.25a2 2 0 0 1 2 0l.15.08a2 2 0 0 0 2.73-.73l.22-.39a2 2 0 0 0-.73-2.73l-.15-.08a2 2 0 0 1-1-1.74v-.5a2 2 0 0 1 1-1.74l.15-.09a2 2 0 0 0 .73-2.73l-.22-.38a2 2 0 0 0-2.73-.73l-.15.08a2 2 0 0 1-2 0l-.43-.25a2 2 0 0 1-1-1.73V4a2 2 0 0 0-2-2z" />
    <circle cx="12" cy="12" r="3" />
  </StrokeIcon>
);

export const HelpIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M9.09 9a3 3 0 0 1 5.83 1c0 2-3 3-3 3" />
    <path d="M12 17h.01" />
  </StrokeIcon>
);

export const CheckIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M20 6 9 17l-5-5" />
  </StrokeIcon>
);

export const CopyIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <rect width="14" height="14" x="8" y="8" rx="2" ry="2" />
    <path d="M4 16c-1.1 0-2-.9-2-2V4c0-1.1.9-2 2-2h10c1.1 0 2 .9 2 2" />
  </StrokeIcon>
);

export const CloseIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M18 6 6 18" />
    <path d="m6 6 12 12" />
  </StrokeIcon>
);

export const InfoIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 16v-4" />
    <path d="M12 8h.01" />
  </StrokeIcon>
);

export const WarningIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="m21.73 18-8-14a2 2 0 0 0-3.48 0l-8 14A2 2 0 0 0 4 21h16a2 2 0 0 0 1.73-3" />
    <path d="M12 9v4" />
    <path d="M12 17h.01" />
  </StrokeIcon>
);

export const SuccessIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="m9 12 2 2 4-4" />
  </StrokeIcon>
);

export const ErrorIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 8v4" />
    <path d="M12 16h.01" />
  </StrokeIcon>
);

export const SunIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2v2M12 20v2m-7.07-17.07 1.41 1.41m11.32 11.32 1.41 1.41M2 12h2m16 0h2M6.34 17.66l-1.41 1.41M19.07 4.93l-1.41 1.41" />
  </StrokeIcon>
);

export const MoonIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z" />
  </StrokeIcon>
);

export const MonitorIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <rect width="20" height="14" x="2" y="3" rx="2" />
    <path d="M8 21h8M12 17v4" />
  </StrokeIcon>
);

export const GlobeIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 2a14.5 14.5 0 0 0 0 20 14.5 14.5 0 0 0 0-20" />
    <path d="M2 12h20" />
  </StrokeIcon>
);

export const FlaskIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M10 2v7.527a2 2 0 0 1-.211.896L4.72 20.55a1 1 0 0 0 .9 1.45h12.76a1 1 0 0 0 .9-1.45l-5.069-10.127A2 2 0 0 1 14 9.527V2" />
    <path d="M8.5 2h7" />
    <path d="M7 16h10" />
  </StrokeIcon>
);

export const CloudIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M17.5 19H9a7 7 0 1 1 6.71-9h1.79a4.5 4.5 0 1 1 0 9Z" />
  </StrokeIcon>
);

export const ShieldIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M20 13c0 5-3.5 7.5-7.66 8.95a1 1 0 0 1-.67-.01C7.5 20.5 4 18 4 13V6a1 1 0 0 1 1-1c2 0 4.5-1.2 6.24-2.72a1.17 1.17 0 0 1 1.52 0C14.51 3.81 17 5 19 5a1 1 0 0 1 1 1z" />
  </StrokeIcon>
);

export const TerminalIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="m4 17 6-6-6-6" />
    <path d="M12 19h8" />
  </StrokeIcon>
);

export const ZapIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M4 14a1 1 0 0 1-.78-1.63l9.9-10.2a.5.5 0 0 1 .86.46l-1.92 6.02A1 1 0 0 0 13 10h7a1 1 0 0 1 .78 1.63l-9.9 10.2a.5.5 0 0 1-.86-.46l1.92-6.02A1 1 0 0 0 11 14z" />
  </StrokeIcon>
);

export const ServerIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <rect width="20" height="8" x="2" y="2" rx="2" />
    <rect width="20" height="8" x="2" y="14" rx="2" />
    <path d="M6 6h.01M6 18h.01" />
  </StrokeIcon>
);

export const FileTextIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M15 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V7Z" />
    <path d="M14 2v4a2 2 0 0 0 2 2h4" />
    <path d="M16 13H8M16 17H8M10 9H8" />
  </StrokeIcon>
);

export const HardDriveIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M22 12H2" />
    <path d="M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z" />
    <path d="M6 16h.01M10 16h.01" />
  </StrokeIcon>
);

export const ClockIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 6v6l4 2" />
  </StrokeIcon>
);

export const ChevronRightIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="m9 18 6-6-6-6" />
  </StrokeIcon>
);

export const SearchIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <circle cx="11" cy="11" r="8" />
    <path d="m21 21-4.3-4.3" />
  </StrokeIcon>
);

export const SlidersIcon: IconComponent = (p) => (
  <StrokeIcon {...p}>
    <path d="M20 7h-9M14 17H5" />
    <circle cx="17" cy="17" r="3" />
    <circle cx="7" cy="7" r="3" />
  </StrokeIcon>
);
