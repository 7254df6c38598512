// JSON text of contact fields for storage. One first-sync decision stores the same fields object
// as the record, the link's base, the hub contact and the journal's "after"; fields objects are
// never mutated once built, so their text is computed once and remembered by identity.
const texts = new WeakMap<object, string>();

export function fieldsJson(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}
