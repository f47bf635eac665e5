import { describe, expect, it } from 'vitest';
import {
  effectiveFormat,
  effectiveKeyChoice,
  emptyDraft,
  savePath,
  submitBlockers,
  type BlockerFacts,
} from './new-key-rules';

const facts: BlockerFacts = { sshDir: '/home/u/.ssh', duplicateName: false, preview: 'reading' };

describe('new key rules', () => {
  it('maps a choice the method does not offer to the nearest one, keeping the user’s pick otherwise', () => {
    expect(effectiveKeyChoice('local', null)).toBe('ed25519');
    expect(effectiveKeyChoice('aws', null)).toBe('rsa2048');
    expect(effectiveKeyChoice('aws', 'rsa4096')).toBe('rsa2048');
    expect(effectiveKeyChoice('aws', 'ed25519')).toBe('ed25519');
    expect(effectiveKeyChoice('local', 'rsa3072')).toBe('rsa3072');
    expect(effectiveFormat('aws', 'openssh')).toBe('pem');
    expect(effectiveFormat('aws', 'ppk')).toBe('ppk');
    expect(effectiveFormat('local', null)).toBe('openssh');
  });

  it('the save path follows the name and the format in effect until the user types one', () => {
    const draft = { ...emptyDraft, name: 'web server', format: 'ppk' as const };
    expect(savePath(draft, '/home/u/.ssh')).toBe('/home/u/.ssh/web_server.ppk');
    expect(savePath({ ...draft, method: 'aws', format: 'openssh' }, '/home/u/.ssh')).toBe(
      '/home/u/.ssh/web_server.pem',
    );
    expect(savePath({ ...draft, typedPath: 'C:\\keys\\mine.ppk' }, null)).toBe('C:\\keys\\mine.ppk');
  });

  it('lists every missing thing, in the order of the form', () => {
    expect(submitBlockers(emptyDraft, facts)).toEqual(['blockers.name']);
    expect(
      submitBlockers(
        { ...emptyDraft, name: ' bad', typedPath: ' ', passphrase: 'a', confirmPassphrase: '' },
        facts,
      ),
    ).toEqual(['blockers.nameProblem', 'blockers.path', 'blockers.mismatch']);
    expect(submitBlockers({ ...emptyDraft, name: 'taken' }, { ...facts, duplicateName: true })).toEqual([
      'blockers.nameProblem',
    ]);
    const importing = { ...emptyDraft, method: 'import' as const, name: 'ok' };
    expect(submitBlockers(importing, facts)).toEqual(['blockers.pasteKey']);
    expect(submitBlockers({ ...importing, importSource: 'file' }, facts)).toEqual(['blockers.chooseFile']);
    const withFile = { ...importing, importSource: 'file' as const, importPath: '/k' };
    expect(submitBlockers(withFile, { ...facts, preview: 'passphraseNeeded' })).toEqual([
      'blockers.filePassphrase',
    ]);
    expect(submitBlockers(withFile, { ...facts, preview: 'failed' })).toEqual(['blockers.unreadable']);
    expect(submitBlockers(withFile, { ...facts, preview: 'ready' })).toEqual([]);
  });
});
