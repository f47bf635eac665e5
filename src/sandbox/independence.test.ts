import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyMaterial, importPublicKeyMaterial } from './key-material';

const sandboxDir = dirname(fileURLToPath(import.meta.url));
const keysDir = resolve(sandboxDir, '../keys');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the sandbox is an independent peer of the app', () => {
  it('nothing in src/sandbox imports the app’s key code (src/keys)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(sandboxDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), match[1] as string);
        if (target === keysDir || target.startsWith(`${keysDir}/`))
          offenders.push(`${relative(sandboxDir, file)} → ${match[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'keyrescue-sandbox-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

  it('CreateKeyPair material is read by the real tools: PKCS#1 and OpenSSH by ssh-keygen, PPK v2 by puttygen', async () => {
    for (const type of ['rsa', 'ed25519'] as const) {
      const pem = await createKeyMaterial(type, 'pem', `made-${type}`);
      const pemPath = join(dir, `${type}.pem`);
      writeFileSync(pemPath, pem.keyMaterial, { mode: 0o600 });
      expect(pem.keyMaterial.split('\n')[0]).toBe(
        type === 'rsa' ? '-----BEGIN RSA PRIVATE KEY-----' : '-----BEGIN OPENSSH PRIVATE KEY-----',
      );
      expect(run('ssh-keygen', ['-y', '-f', pemPath]).trim().split(' ').slice(0, 2).join(' ')).toBe(
        pem.publicKeyLine,
      );

      const ppk = await createKeyMaterial(type, 'ppk', `made-${type}`);
      const ppkPath = join(dir, `${type}.ppk`);
      writeFileSync(ppkPath, ppk.keyMaterial, { mode: 0o600 });
      expect(ppk.keyMaterial.split('\n')[0]).toBe(`PuTTY-User-Key-File-2: ssh-${type}`);
      // puttygen checks the MAC and decodes the private half to export it.
      const exported = join(dir, `${type}.from-ppk`);
      run('puttygen', [ppkPath, '-O', 'private-openssh', '-o', exported]);
      expect(run('ssh-keygen', ['-y', '-f', exported]).trim().split(' ').slice(0, 2).join(' ')).toBe(
        ppk.publicKeyLine,
      );
      if (type === 'rsa') {
        // EC2's created-key fingerprint: SHA-1 of the PKCS#8 DER (openssl computes it independently).
        const der = execFileSync('openssl', [
          'pkcs8',
          '-topk8',
          '-nocrypt',
          '-in',
          pemPath,
          '-outform',
          'DER',
        ]);
        const sha1 = execFileSync('openssl', ['sha1', '-c'], { input: der, encoding: 'utf8' });
        expect(sha1.trim().split(' ').pop()).toBe(pem.fingerprint);
      }
    }
  });

  it('ImportKeyPair: an ssh-keygen key is accepted with EC2’s fingerprint; private keys and garbage are refused', () => {
    const path = join(dir, 'imported');
    run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-N', '', '-C', 'x', '-f', path]);
    const line = readFileSync(`${path}.pub`, 'utf8');
    const imported = importPublicKeyMaterial(Buffer.from(line));
    expect(imported.publicKeyLine).toBe(line.split(' ').slice(0, 2).join(' '));
    // EC2's imported-key fingerprint: MD5 of the SPKI DER, as openssl computes it.
    const spki = execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', `${path}.pub`]);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-outform', 'DER'], { input: spki });
    const md5 = execFileSync('openssl', ['md5', '-c'], { input: der, encoding: 'utf8' });
    expect(imported.fingerprint).toBe(md5.trim().split(' ').pop());

    const rfc4716 = run('ssh-keygen', ['-e', '-f', `${path}.pub`]);
    expect(importPublicKeyMaterial(Buffer.from(rfc4716)).fingerprint).toBe(imported.fingerprint);
    for (const refused of [readFileSync(path, 'utf8'), 'ssh-rsa AAAA', 'not a key', '']) {
      expect(() => importPublicKeyMaterial(Buffer.from(refused))).toThrow(
        'Key is not in valid OpenSSH public key format',
      );
    }
  });
});
