import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Makes a key with the real ssh-keygen (the peer users have), so matching is tested against files
 * exactly as OpenSSH writes them. `pem` writes RSA as PKCS#1 (`ssh-keygen -m PEM`).
 */
export async function sshKeygen(
  path: string,
  type: 'rsa' | 'ed25519',
  options: { passphrase?: string; pem?: boolean; bits?: number } = {},
): Promise<string> {
  const args = ['-q', '-t', type, '-f', path, '-N', options.passphrase ?? '', '-C', `test-${type}`];
  if (type === 'rsa') args.push('-b', String(options.bits ?? 2048));
  if (options.pem) args.push('-m', 'PEM');
  await run('ssh-keygen', args);
  return (await readFile(`${path}.pub`, 'utf8')).trim();
}

/** A PuTTY (PPK v3) key made by the real puttygen, encrypted when a passphrase is given; returns its OpenSSH public line. */
export async function puttygenKey(path: string, type: 'rsa' | 'ed25519', passphrase = ''): Promise<string> {
  const passFile = `${path}.pass`;
  await writeFile(passFile, passphrase ? `${passphrase}\n` : '', { mode: 0o600 });
  try {
    await run('puttygen', [
      '-t',
      type,
      ...(type === 'rsa' ? ['-b', '2048'] : []),
      '-q',
      '-o',
      path,
      '-O',
      'private',
      '--new-passphrase',
      passFile,
    ]);
    // The public half of a PPK is stored in the clear, so reading it needs no passphrase.
    const { stdout } = await run('puttygen', [path, '-O', 'public-openssh', '--old-passphrase', passFile]);
    return stdout.trim();
  } finally {
    await rm(passFile, { force: true });
  }
}

/** Re-encrypts a private key in place with ssh-keygen (OpenSSH format, bcrypt KDF). */
export async function encryptWithSshKeygen(path: string, passphrase: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-p', '-f', path, '-P', '', '-N', passphrase]);
}
