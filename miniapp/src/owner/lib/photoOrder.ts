/** Moves the id at `index` one place towards the front; other ids keep their order. */
export function moveUp(order: readonly string[], index: number): string[] {
  if (index <= 0 || index >= order.length) return [...order];
  const next = [...order];
  [next[index - 1], next[index]] = [next[index] as string, next[index - 1] as string];
  return next;
}

export function moveDown(order: readonly string[], index: number): string[] {
  if (index < 0 || index >= order.length - 1) return [...order];
  return moveUp(order, index + 1);
}

/** Puts the id at `index` first, which makes it the cover. */
export function makeCover(order: readonly string[], index: number): string[] {
  if (index <= 0 || index >= order.length) return [...order];
  const next = [...order];
  const [cover] = next.splice(index, 1);
  return [cover as string, ...next];
}

/**
 * Brings a local order in line with the photos the server now has: keeps the
 * local order of ids that still exist and appends new ids in server order.
 * Used after an upload or delete returns the shop.
 */
export function reconcileOrder(localOrder: readonly string[], serverIds: readonly string[]): string[] {
  const existing = new Set(serverIds);
  const keptIds = localOrder.filter((id) => existing.has(id));
  const keptSet = new Set(keptIds);
  return [...keptIds, ...serverIds.filter((id) => !keptSet.has(id))];
}

export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
