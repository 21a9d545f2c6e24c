/** Canned messages the stub server answers with. */

export function relationshipOf(accountA: string, accountB: string): object {
  return {
    pair: { accountA, accountB },
    aToB: 2,
    bToA: 1,
    reciprocity: 2 / 3,
    strength: 2.5,
    tierForA: 'TIER_CLOSE',
    tierForB: 'TIER_INNER_CIRCLE',
    rankForA: 7,
    firstInteraction: '1700000000000',
    lastInteraction: '1700000001000',
  };
}
