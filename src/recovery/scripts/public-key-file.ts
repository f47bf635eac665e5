import { parsePublicKey, publicKeyToOpenSSH } from '../../keys';
import { loadKeySource } from '../../keys/key-source';
import { toKeyText } from '../../keys/key-text';
import { checkPublicKeyLine, type AuthorizedKeyLine } from './script-inputs';

/**
 * The public key a user names by file, as one authorized_keys line: a `.pub` line as it is, or an
 * RFC 4716 / PEM public key converted (its comment kept). A file with several key lines is refused
 * rather than one of them picked. Read with the key module's bounds (size, regular file).
 */
export async function readPublicKeyLine(path: string): Promise<AuthorizedKeyLine> {
  const { data } = await loadKeySource({ kind: 'file', path });
  const text = toKeyText(data, path);
  const armored = /^(-----BEGIN |---- BEGIN SSH2 PUBLIC KEY ----)/m.test(text);
  if (!armored) return checkPublicKeyLine(text, path);
  const key = parsePublicKey(text, path);
  return checkPublicKeyLine(publicKeyToOpenSSH(key), path);
}
