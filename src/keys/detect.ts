import { keyError, keyErrorCodes } from './key-errors';
import { parsePemBlock, pemLabels, type PemBlock } from './pem-armor';
import { privatePemLabels, isPublicPemLabel } from './pem-keys';
import { findOpensshPublicLine } from './public-key';
import { OPENSSH_LABEL } from './openssh-private';

/** What kind of container some key text is, decided from its armor alone. */
export type Detected =
  | { container: 'ppk' }
  | { container: 'openssh'; block: PemBlock }
  | { container: 'pem'; block: PemBlock }
  | { container: 'public' };

/** Classifies key text; refuses non-key and not-supported containers with specific errors. */
export function detectContainer(text: string, source?: string): Detected {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('PuTTY-User-Key-File-')) return { container: 'ppk' };
  const labels = pemLabels(text);
  const first = labels[0];
  if (first !== undefined) {
    if (labels.filter((l) => !l.includes('CERTIFICATE')).length > 1) {
      throw keyError(
        keyErrorCodes.multipleKeys,
        source,
        `the file holds ${labels.length} PEM blocks; put one key per file.`,
      );
    }
    if (first === OPENSSH_LABEL) return { container: 'openssh', block: parsePemBlock(text, source) };
    if (first in privatePemLabels || first === 'DSA PRIVATE KEY')
      return { container: 'pem', block: parsePemBlock(text, source) };
    if (isPublicPemLabel(first)) return { container: 'public' };
    if (first.includes('CERTIFICATE')) {
      throw keyError(keyErrorCodes.unrecognized, source, 'this is an X.509 certificate, not an SSH key.');
    }
    throw keyError(
      keyErrorCodes.unrecognized,
      source,
      `a "${first}" PEM block is not a key format this app reads.`,
    );
  }
  if (text.includes('---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----')) {
    throw keyError(
      keyErrorCodes.unrecognized,
      source,
      'this is an ssh.com (SECSH) private key; convert it with ssh-keygen -i first.',
    );
  }
  if (text.includes('---- BEGIN SSH2 PUBLIC KEY ----') || findOpensshPublicLine(text))
    return { container: 'public' };
  throw keyError(
    keyErrorCodes.unrecognized,
    source,
    'this is not a key file this app recognises (PEM, OpenSSH, PuTTY .ppk or a public key).',
  );
}
