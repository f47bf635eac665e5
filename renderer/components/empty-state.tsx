import type { ReactNode } from 'react';
import type { IconComponent } from './icons';
import './empty-state.css';

export interface EmptyStateProps {
  icon?: IconComponent;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}

/** What a list or page shows when there is nothing yet: an icon, a sentence, and the next step. */
export function EmptyState({ icon: Icon, title, children, actions }: EmptyStateProps) {
  return (
    <div className="empty-state">
      {Icon ? (
        <div className="empty-state-icon">
          <Icon size={26} />
        </div>
      ) : null}
      <h2 className="empty-state-title">{title}</h2>
      {children ? <div className="empty-state-body">{children}</div> : null}
      {actions ? <div className="empty-state-actions">{actions}</div> : null}
    </div>
  );
}
