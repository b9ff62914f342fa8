/**
 * JSON with object keys sorted at every depth: the same value always gives the same text (hashes,
 * idempotency fingerprints). Written without recursion, so no input can exhaust the stack (R6).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // A stack of values still to write, and of literal text (closing brackets, commas, keys) between them.
  const pending: ({ text: string } | { value: unknown })[] = [{ value }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if ('text' in next) {
      out.push(next.text);
      continue;
    }
    // Dates as JSON.stringify writes them; any other object by its own keys (the hashes already stored depend on it).
    const current = next.value instanceof Date ? next.value.toJSON() : next.value;
    if (Array.isArray(current)) {
      pending.push({ text: ']' });
      for (let i = current.length - 1; i >= 0; i--) {
        const item: unknown = current[i];
        // As JSON.stringify: a missing or unwritable item becomes null.
        pending.push({ value: item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item });
        if (i > 0) pending.push({ text: ',' });
      }
      pending.push({ text: '[' });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current as Record<string, unknown>)
        .filter(([, inner]) => inner !== undefined && typeof inner !== 'function' && typeof inner !== 'symbol')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      pending.push({ text: '}' });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] ?? ['', null];
        pending.push({ value: inner }, { text: `${JSON.stringify(key)}:` });
        if (i > 0) pending.push({ text: ',' });
      }
      pending.push({ text: '{' });
    } else {
      // A lone undefined (JSON.stringify gives undefined for it) is written as null, like an array hole.
      out.push(current === undefined ? 'null' : JSON.stringify(current));
    }
  }
  return out.join('');
}
