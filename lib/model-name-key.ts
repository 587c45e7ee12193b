// The keys that decide whether two model names are the same model (README "The model catalog"):
// full Unicode case folding, and the Unicode TS #39 confusable skeleton of the folded name.
// Server-side only in practice (the confusables table is large), but pure, so it lives in lib/.
import unhomoglyph from 'unhomoglyph';
import { caseFold } from 'unicode-case-folding';
import { normaliseModelName } from './model-name';

/** NFKC, full case folding (ß = ss, final ς = σ), NFKC again: `Churn`, `CHURN` and `churn ` are one model. */
export function modelNameKey(name: string): string {
  return caseFold(normaliseModelName(name)).normalize('NFKC');
}

/**
 * TS #39 skeleton of the folded name: NFD, each character replaced by its prototype in Unicode's
 * confusables table (unhomoglyph), folded again (some prototypes are capitals: digit 0 -> O), NFD.
 * Names that look alike (Latin `a` and Cyrillic `а`, `rn` and `m`, `0` and `o`) share it.
 */
export function modelNameSkeleton(name: string): string {
  return caseFold(unhomoglyph(modelNameKey(name).normalize('NFD'))).normalize('NFD');
}
