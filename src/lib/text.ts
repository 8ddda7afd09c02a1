/** Lowercase ASCII words of letters and digits, joined by single spaces: what folding leaves. */
const ALREADY_FOLDED = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Folds a name for matching: case, accents and punctuation are ignored, so `Montréal`, `montreal`
 * and `MONTREAL` fold to the same key, and `deep-learning` to `deep learning`.
 */
export function foldText(text: string): string {
  // Most names and terms are folded already; returning the string itself also saves a copy per name.
  if (ALREADY_FOLDED.test(text)) return text;
  // Plain ASCII has no accents to strip: skipping normalisation halves the cost of indexing
  // millions of names and quotes, with the same result.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return foldUnicode(text);
}

/** The folding of any text, with no shortcut: what foldText's shortcuts must agree with. */
export function foldUnicode(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const collator = new Intl.Collator('en');

/**
 * Compares names in English alphabetical order. One shared collator: `a.localeCompare(b, 'en')`
 * builds a new one on every call, which dominates sorting a large graph.
 */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Compares by name, then by id, so equal names never leave an order to chance. */
export function compareByNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
