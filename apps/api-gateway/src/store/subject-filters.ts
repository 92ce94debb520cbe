/**
 * NATS subject filters as values. Server 2.9 gives a consumer one filter, so a watch over an object kind whose parts
 * live under several aggregates uses the narrowest single filter covering all of them and drops the rest itself.
 */

/** Whether `subject` matches `filter` (`*` = one token, a final `>` = one or more tokens). */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return i === f.length - 1 && s.length > i;
    if (i >= s.length) return false;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}

/**
 * The narrowest single filter matching every subject any of `filters` matches: equal tokens are kept, differing
 * ones become `*`, and from the first `>` (or where the filters' lengths part) the rest is `>`.
 */
export function coveringFilter(filters: readonly string[]): string {
  if (filters.length === 0) throw new Error('coveringFilter needs at least one filter');
  const split = filters.map((f) => f.split('.'));
  const length = Math.min(...split.map((s) => s.length));
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    const tokens = split.map((s) => s[i]!);
    const lengthsPart = i === length - 1 && split.some((s) => s.length !== length);
    if (tokens.includes('>') || lengthsPart) return [...out, '>'].join('.');
    out.push(tokens.every((t) => t === tokens[0]) ? tokens[0]! : '*');
  }
  return out.join('.');
}
