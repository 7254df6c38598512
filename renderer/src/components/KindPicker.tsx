// The account type as a row of radio buttons (a segmented control): three choices fit on one line
// and all stay visible, unlike a drop-down.
import type { ReactNode } from 'react';
import type { AccountKind } from '../../../shared/model/account.ts';
import { useT } from '../i18n/index.ts';

export type AddableKind = Exclude<AccountKind, 'memory'>;
export const addableKinds: readonly AddableKind[] = ['google', 'icloud', 'carddav'];

export function KindPicker(props: { value: AddableKind; onChange(kind: AddableKind): void }): ReactNode {
  const t = useT();
  return (
    <fieldset className="field kind-picker">
      <legend>{t('form.kind')}</legend>
      <div className="segmented">
        {addableKinds.map((kind) => (
          <label key={kind} className={props.value === kind ? 'segment checked' : 'segment'}>
            <input type="radio" name="kind" value={kind} checked={props.value === kind} onChange={() => props.onChange(kind)} />
            {t(`accounts.kind.${kind}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
