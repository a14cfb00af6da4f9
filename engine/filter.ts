/**
 * Meilisearch filter values, always quoted. Backslashes are escaped before quotes, so a
 * value such as `KE" OR jurisdiction = "US` or a trailing `\` stays one literal value.
 */
export function quoteFilterValue(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('filter numbers must be finite');
    return String(value);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attr IN ["a", "b"]`, or `attr = "a"` for one value. Attribute names are ours, never the user's. */
export function anyOf(attribute: string, values: string[]): string {
  if (values.length === 1) return `${attribute} = ${quoteFilterValue(values[0] as string)}`;
  return `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`;
}
