/**
 * A rough strength hint for a new passphrase (length and variety). It is advice, not a rule: a
 * long passphrase of plain words is rated well, which matches current guidance (NIST 800-63B).
 */
export type Strength = 'none' | 'weak' | 'fair' | 'strong';

export function passphraseStrength(passphrase: string): Strength {
  if (passphrase.length === 0) return 'none';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(passphrase)).length;
  const unique = new Set(passphrase).size;
  if (passphrase.length < 8 || unique < 4) return 'weak';
  if (passphrase.length >= 16 || (passphrase.length >= 12 && classes >= 3)) return 'strong';
  return 'fair';
}
