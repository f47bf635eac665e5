import {
  maxListedMatches,
  type KeyPairEntry,
  type MatchRule,
  type RegionResult,
} from '../ipc/contracts/inventory';
import type { RegionLoad } from './inventory-loader';
import type { ScannedKey } from './local-key-scan';

/** Fingerprints compare without `SHA256:`/`MD5:` prefixes, base64 padding or letter case (colon-hex). */
export function normalizeFingerprint(value: string): string {
  const stripped = value.trim().replace(/^(SHA256|MD5):/i, '');
  return stripped.includes(':') ? stripped.toLowerCase() : stripped.replace(/=+$/, '');
}

/** The base64 field of an OpenSSH public key line, which is the SSH wire blob. */
function blobOfLine(line: string | null): string | undefined {
  return line?.trim().split(/\s+/)[1];
}

interface LocalIndex {
  byFingerprint: Map<string, { path: string; rule: MatchRule }[]>;
  byBlob: Map<string, string[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexLocalKeys(keys: readonly ScannedKey[]): LocalIndex {
  const index: LocalIndex = { byFingerprint: new Map(), byBlob: new Map() };
  for (const { info, blob } of keys) {
    if (info.awsCreated)
      push(index.byFingerprint, normalizeFingerprint(info.awsCreated), {
        path: info.path,
        rule: 'awsCreated',
      });
    // For Ed25519, AWS's "imported" form is the SHA-256 one; record it once, under the SHA-256 rule.
    if (info.awsImported && info.type === 'rsa')
      push(index.byFingerprint, normalizeFingerprint(info.awsImported), {
        path: info.path,
        rule: 'awsImported',
      });
    if (info.sha256)
      push(index.byFingerprint, normalizeFingerprint(info.sha256), { path: info.path, rule: 'sha256' });
    if (blob) push(index.byBlob, blob.toString('base64'), info.path);
  }
  return index;
}

/**
 * Which local files hold the private key of a key pair, by every rule AWS uses for fingerprints
 * (EC2-created RSA: SHA-1 of PKCS#8; imported RSA: MD5 of SPKI; Ed25519: SHA-256), and by the
 * public key itself when AWS returned it (this is what matches an encrypted key to an EC2-created
 * RSA pair, whose fingerprint needs the private key).
 */
export function matchKeyPair(
  keyPair: Pick<KeyPairEntry, 'fingerprint' | 'publicKey'>,
  index: LocalIndex,
): { path: string; rule: MatchRule }[] {
  const matches = new Map<string, MatchRule>();
  for (const match of index.byFingerprint.get(normalizeFingerprint(keyPair.fingerprint)) ?? []) {
    if (!matches.has(match.path)) matches.set(match.path, match.rule);
  }
  const blob = blobOfLine(keyPair.publicKey);
  for (const path of (blob && index.byBlob.get(blob)) || [])
    if (!matches.has(path)) matches.set(path, 'publicKey');
  return (
    [...matches.entries()]
      .map(([path, rule]) => ({ path, rule }))
      // Code-unit order (not localeCompare): tens of thousands of copies of one key sort in a moment.
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  );
}

/** A loaded region as the contract shows it, before matching (no local matches yet). */
export function toRegionResult(load: RegionLoad): RegionResult {
  if (load.status === 'error')
    return {
      region: load.region,
      status: 'error',
      error: load.error,
      keyPairs: [],
      orphanInstances: [],
      loadedAt: load.loadedAt,
    };
  return {
    region: load.region,
    status: 'ok',
    keyPairs: load.keyPairs.map((keyPair) => ({ ...keyPair, localMatches: [], atRisk: false })),
    orphanInstances: load.orphanInstances,
    loadedAt: load.loadedAt,
  };
}

/**
 * (Re)computes local matches and the at-risk flag of every key pair; AWS data is left as it was.
 * `incomplete`: some files could not be read, so "no key found" is not proof that none is here and
 * such a key pair is marked `riskUnknown` instead of at risk.
 */
export function annotateRegions(
  regions: readonly RegionResult[],
  keys: readonly ScannedKey[],
  incomplete = false,
): RegionResult[] {
  const index = indexLocalKeys(keys);
  return regions.map((region) => ({
    ...region,
    keyPairs: region.keyPairs.map((keyPair) => {
      const { localMatchTotal: _total, riskUnknown: _unknown, ...rest } = keyPair;
      const matches = matchKeyPair(keyPair, index);
      const unmatchedInUse = keyPair.instances.length > 0 && matches.length === 0;
      return {
        ...rest,
        localMatches: matches.slice(0, maxListedMatches),
        ...(matches.length > maxListedMatches ? { localMatchTotal: matches.length } : {}),
        atRisk: unmatchedInUse && !incomplete,
        ...(unmatchedInUse && incomplete ? { riskUnknown: true } : {}),
      };
    }),
  }));
}

/** For each local file, the key pairs it holds the private key of (every match, none left out). */
export function keyPairsByFile(
  regions: readonly RegionResult[],
  keys: readonly ScannedKey[],
): Map<string, Pick<KeyPairEntry, 'region' | 'name' | 'id'>[]> {
  const index = indexLocalKeys(keys);
  const owners = new Map<string, Pick<KeyPairEntry, 'region' | 'name' | 'id'>[]>();
  for (const region of regions)
    for (const keyPair of region.keyPairs)
      for (const { path } of matchKeyPair(keyPair, index))
        push(owners, path, { region: keyPair.region, name: keyPair.name, id: keyPair.id });
  return owners;
}
