/**
 * Folds a name for matching: case, accents and punctuation are ignored, so `Montréal`, `montreal`
 * and `MONTREAL` fold to the same key, and `deep-learning` to `deep learning`.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
