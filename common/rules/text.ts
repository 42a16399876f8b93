/**
 * Folds text for search and matching: case, accents and the Danish letters (æ→ae, ø→o, å→a)
 * so "Søren Ærø" is found by "soren aero". Used by patient search and identity matching.
 */
export function foldText(value: string): string {
  return value
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/** Folded words of a name: "Jensen-Holm, Anne Marie" → ["jensen", "holm", "anne", "marie"]. */
export function nameTokens(value: string): string[] {
  return foldText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}
