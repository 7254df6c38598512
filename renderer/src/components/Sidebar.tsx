// The left sidebar: the sections of the app and the status line. Sections are data, so the later
// ones (Conflicts, Suggestions, History) are one entry each.
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.ts';
import { useT } from '../i18n/index.ts';
import { Icon } from './Icon.tsx';
import { ReviewBadge } from './review-status.tsx';
import { isReviewIcon, ReviewIcon } from './ReviewIcon.tsx';
import type { ReviewIconName } from './ReviewIcon.tsx';
import type { IconName } from './Icon.tsx';
import { StatusLine } from './StatusLine.tsx';
import { SyncButton } from './SyncButton.tsx';

export type Section = 'contacts' | 'accounts' | 'transfer' | 'settings' | 'conflicts' | 'suggestions' | 'activity';

const sections: readonly { id: Section; label: MessageKey; icon: IconName | ReviewIconName; badge?: 'conflicts' | 'suggestions' }[] = [
  { id: 'contacts', label: 'nav.contacts', icon: 'contacts' },
  { id: 'conflicts', label: 'review.nav.conflicts', icon: 'conflicts', badge: 'conflicts' },
  { id: 'suggestions', label: 'review.nav.suggestions', icon: 'suggestions', badge: 'suggestions' },
  { id: 'activity', label: 'review.nav.activity', icon: 'activity' },
  { id: 'accounts', label: 'nav.accounts', icon: 'accounts' },
  { id: 'transfer', label: 'setup.nav.transfer', icon: 'transfer' },
  { id: 'settings', label: 'nav.settings', icon: 'settings' },
];

export function Sidebar(props: { current: Section; onNavigate(section: Section): void }): ReactNode {
  const t = useT();
  return (
    <aside className="sidebar">
      <div className="brand">{t('app.name')}</div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === props.current ? 'nav-item current' : 'nav-item'}
                aria-current={s.id === props.current ? 'page' : undefined}
                onClick={() => props.onNavigate(s.id)}
              >
                {isReviewIcon(s.icon) ? <ReviewIcon name={s.icon} /> : <Icon name={s.icon} />}
                <span>{t(s.label)}</span>
                {s.badge && <ReviewBadge count={s.badge} describe={(n) => t.plural(`review.badge.${s.badge!}`, n)} />}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <SyncButton />
      <StatusLine />
    </aside>
  );
}
