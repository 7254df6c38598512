// Contact values as one line of text for people (CLI tables and `contacts show`): dates as ISO
// (--MM-DD without a year), list items with their label, addresses on one line.
// Invariant: formatting never throws, whatever shape a value has (unknown shapes print as JSON).
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const pad = (n: unknown) => String(n).padStart(2, '0');

function date(d: Record<string, unknown>): string {
  const md = `${d.month === null ? '??' : pad(d.month)}-${d.day === null ? '??' : pad(d.day)}`;
  return d.year === null || d.year === undefined ? `--${md}` : `${String(d.year).padStart(4, '0')}-${md}`;
}

const labelled = (text: string, label: unknown) => (typeof label === 'string' && label !== '' ? `${text} (${label})` : text);

export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return oneLine(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatValue).join('; ');
  if (!isObject(value)) return JSON.stringify(value);
  if ('year' in value && 'month' in value && 'day' in value) return date(value);
  if ('date' in value && isObject(value.date)) return labelled(date(value.date), value.label);
  if ('service' in value && typeof value.value === 'string') return labelled(`${value.service}: ${value.value}`, value.label);
  if ('street' in value && 'locality' in value) {
    const parts = [value.poBox, value.extended, value.street, value.locality, value.region, value.postalCode, value.country].filter((p) => typeof p === 'string' && p !== '');
    return labelled(oneLine(parts.join(', ')), value.label);
  }
  if ('department' in value && 'title' in value) {
    const org = [value.name, value.department].filter((p) => typeof p === 'string' && p !== '').join(', ');
    return [org, value.title].filter((p) => typeof p === 'string' && p !== '').join(' — ');
  }
  if ('key' in value && 'value' in value && Object.keys(value).length === 2) return `${String(value.key)}: ${oneLine(String(value.value))}`;
  if ('hash' in value && 'uri' in value) return value.uri ? `photo at ${String(value.uri)}` : 'photo';
  if (typeof value.value === 'string') return labelled(oneLine(value.value), value.label) + (value.primary === true ? ' *' : '');
  return JSON.stringify(value);
}
