/** `query B{...F0} fragment F0 on Query{...F1 ...F1} … fragment Fn on Query{<leaf>}`: 2ⁿ spreads in under a kilobyte. */
export function fanOut(n: number, leaf = '__typename'): string {
  let text = 'query B{...F0}';
  for (let i = 0; i < n; i++) text += ` fragment F${i} on Query{...F${i + 1} ...F${i + 1}}`;
  return `${text} fragment F${n} on Query{${leaf}}`;
}

export const aliased = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
