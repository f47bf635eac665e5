import { basename, dirname, extname, join } from 'node:path';
import type { ConvertTarget } from '../ipc/contracts/keys';

const extensions: Record<ConvertTarget, string> = {
  ppk3: '.ppk',
  ppk2: '.ppk',
  openssh: '',
  pem: '.pem',
  pkcs8: '.pem',
};

/** The file name without the key extensions we know, so `a.pem` → `a` but `id_rsa` stays. */
export function keyBaseName(path: string): string {
  const name = basename(path);
  const ext = extname(name).toLowerCase();
  return ['.pem', '.ppk', '.key', '.pub', '.txt', '.openssh'].includes(ext)
    ? name.slice(0, -ext.length)
    : name;
}

/**
 * Where a converted key goes: beside the input (or in `outDir`) with the target's extension —
 * `.ppk` for PuTTY, `.pem` for PEM/PKCS#8, no extension for OpenSSH (like `id_ed25519`). When that
 * would be the input itself, `-converted` is added so the input is never replaced.
 */
export function convertedPath(inputPath: string, target: ConvertTarget, outDir?: string): string {
  const base = keyBaseName(inputPath);
  const dir = outDir ?? dirname(inputPath);
  let out = join(dir, base + extensions[target]);
  if (out === inputPath) out = join(dir, `${base}-converted${extensions[target] || '.openssh'}`);
  return out;
}

/** Name for a key that came from pasted text. */
export function pastedKeyPath(target: ConvertTarget, outDir: string, index: number): string {
  return join(outDir, `pasted-key${index > 0 ? `-${index + 1}` : ''}${extensions[target] || ''}`);
}
