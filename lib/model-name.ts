// Model names as people see them (README "The model catalog"): what a name may not contain, and
// the normal form it is stored in. Pure and dependency-free: the registration form checks the same.

/** NFKC, trimmed, inner whitespace collapsed: the form a name is stored and shown in. */
export function normaliseModelName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/**
 * Code points that render as nothing or as blank space: Unicode's Default_Ignorable_Code_Point
 * (zero-width spaces and joiners, variation selectors, soft hyphen ...), which includes the Hangul
 * fillers U+115F, U+1160, U+3164 and U+FFA0 (listed again for the reader: they are letters, Lo).
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0]/u;

/** Alphabets whose letters look alike (Latin a, Cyrillic а, Greek α ...): one word keeps to one of them. */
const LOOKALIKE_SCRIPTS = [
  ['Latin', /\p{Script=Latin}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
] as const;

function scriptsIn(word: string): string[] {
  const found = new Set<string>();
  for (const ch of word) for (const [script, re] of LOOKALIKE_SCRIPTS) if (re.test(ch)) found.add(script);
  return [...found];
}

/** The first invisible character of a name, as a refusal, or null. Checked before and after NFKC. */
export function invisibleInModelName(name: string): string | null {
  const hidden = INVISIBLE.exec(name);
  if (!hidden) return null;
  const cp = hidden[0].codePointAt(0) ?? 0;
  return `Names cannot contain invisible characters (U+${cp.toString(16).toUpperCase().padStart(4, '0')}).`;
}

/** Why a (normalised) name cannot be used, or null. */
export function modelNameProblem(name: string): string | null {
  const hidden = invisibleInModelName(name);
  if (hidden) return hidden;
  for (const word of name.split(/[ ._-]+/)) {
    const scripts = scriptsIn(word);
    if (scripts.length > 1) return `“${word}” mixes ${scripts.join(' and ')} letters; write each word in one alphabet.`;
  }
  return null;
}
