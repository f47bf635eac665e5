import { describe, expect, it } from 'vitest';
import { convertBlockers, fileName, type ConverterItem } from './converter-store';
import { passphraseStrength } from './passphrase-strength';

const item = (patch: Partial<ConverterItem>): ConverterItem => ({
  id: 1,
  source: { kind: 'file', path: '/k/a.pem' },
  label: 'a.pem',
  info: { source: '/k/a.pem', kind: 'private', format: 'pkcs1', encrypted: false },
  error: null,
  passphrase: '',
  unlocked: false,
  unlocking: false,
  unlockRequestId: null,
  passphraseError: null,
  ...patch,
});

describe('converter rules', () => {
  it('blocks Convert until there is a private key, every key unlocked, a matching new passphrase and a folder when needed', () => {
    const base = {
      passphraseMode: 'keep' as const,
      newPassphrase: '',
      confirmPassphrase: '',
      outputMode: 'beside' as const,
      outDir: null,
    };
    expect(convertBlockers({ ...base, items: [] })).toEqual(['blockers.noKeys']);
    expect(
      convertBlockers({
        ...base,
        items: [item({ info: { source: 'x', kind: 'public', format: 'openssh-public', encrypted: false } })],
      }),
    ).toEqual(['blockers.noKeys']);
    expect(convertBlockers({ ...base, items: [item({})] })).toEqual([]);
    const encrypted = item({ info: { source: 'x', kind: 'private', format: 'ppk3', encrypted: true } });
    expect(convertBlockers({ ...base, items: [encrypted] })).toEqual(['blockers.passphrase']);
    // A typed passphrase is not enough: main has to have accepted it.
    expect(convertBlockers({ ...base, items: [{ ...encrypted, passphrase: 'p' }] })).toEqual([
      'blockers.passphrase',
    ]);
    const unlocked = { ...encrypted, passphrase: 'p', unlocked: true };
    expect(convertBlockers({ ...base, items: [unlocked] })).toEqual([]);
    // New passphrases count only when "Set a new passphrase" is chosen, and then one is needed.
    expect(
      convertBlockers({ ...base, items: [unlocked], newPassphrase: 'a', confirmPassphrase: 'b' }),
    ).toEqual([]);
    expect(convertBlockers({ ...base, items: [unlocked], passphraseMode: 'new' })).toEqual([
      'blockers.newPassphrase',
    ]);
    expect(
      convertBlockers({
        ...base,
        items: [unlocked],
        passphraseMode: 'new',
        newPassphrase: 'a',
        confirmPassphrase: 'b',
      }),
    ).toEqual(['blockers.mismatch']);
    expect(convertBlockers({ ...base, items: [unlocked], passphraseMode: 'remove' })).toEqual([]);
    expect(convertBlockers({ ...base, items: [item({ source: { kind: 'text', text: 'k' } })] })).toEqual([
      'blockers.folder',
    ]);
    expect(convertBlockers({ ...base, items: [item({})], outputMode: 'folder', outDir: '/out' })).toEqual([]);
  });

  it('rates passphrases by length and variety', () => {
    expect(
      ['', 'abc', 'aaaaaaaaaaaa', 'abcdefgh', 'Abcdefgh1234', 'correct horse battery'].map(
        passphraseStrength,
      ),
    ).toEqual(['none', 'weak', 'weak', 'fair', 'strong', 'strong']);
  });

  it('shows file names for POSIX and Windows paths', () => {
    expect([fileName('/home/a/key.pem'), fileName('C:\\Users\\a\\key.ppk')]).toEqual(['key.pem', 'key.ppk']);
  });
});
