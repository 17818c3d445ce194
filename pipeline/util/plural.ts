/** `1 document`, `2 documents`, `0 entries`: a count with its noun in the right number. */
export function count(n: number, one: string, many = one.endsWith('y') && !/[aeiou]y$/.test(one) ? `${one.slice(0, -1)}ies` : `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
