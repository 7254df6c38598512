// The phone-region picker: a native select of regions named in the UI language (regions.ts),
// with "not set" first. Native: searchable by typing, keyboard- and screen-reader-friendly.
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';
import { SelectField } from '../SelectField.tsx';
import { regionOptions } from './regions.ts';

export function RegionSelect(props: { value: string | null; onChange(region: string | null): void; disabled?: boolean }): ReactNode {
  const t = useT();
  const options = useMemo(() => [{ value: '', label: t('setup.region.none') }, ...regionOptions(t.locale)], [t]);
  return (
    <SelectField
      label={t('form.region')}
      name="defaultRegion"
      value={props.value ?? ''}
      options={options}
      disabled={props.disabled}
      hint={t('setup.region.hint')}
      onChange={(v) => props.onChange(v === '' ? null : v)}
    />
  );
}
