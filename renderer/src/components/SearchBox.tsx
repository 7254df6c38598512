// The contact search field. It only holds the text; debouncing and querying are the screen's job.
// Escape clears it, like the search fields people already know.
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { Icon } from './Icon.tsx';

export function SearchBox(props: { value: string; onChange(value: string): void }): ReactNode {
  const t = useT();
  return (
    <div className="search-box">
      <Icon name="search" size={16} />
      <input
        type="search"
        value={props.value}
        placeholder={t('contacts.search.placeholder')}
        aria-label={t('contacts.search.label')}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.value) {
            e.preventDefault();
            props.onChange('');
          }
        }}
      />
      {props.value && (
        <button type="button" className="search-clear" aria-label={t('contacts.search.clear')} onClick={() => props.onChange('')}>
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}
