/**
 * Appends `items` to `into` one by one. `into.push(...items)` passes every item as an argument, and
 * a count that comes from the input (a finding per attribute of a 200,000-attribute element)
 * overflows the call stack.
 */
export function pushAll<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
