import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePeerDir, peer, type PeerDir } from '../keys/test-support/peers';
import { oneLine, terminalSafe } from './terminal-text';
import { cliInPeerDir } from './test-support/run-cli-captured';

/** The audit's key: its comment set the terminal title through `fingerprint` and `pubkey`. */
const hostileComment = 'ok\u001b]0;pwned\u0007 \rfake\u009b31m \u202egnp.exe\u2066x';
const escapedComment = 'ok\\u001b]0;pwned\\u0007 \\u000dfake\\u009b31m \\u202egnp.exe\\u2066x';
// Everything a terminal could act on: C0 but TAB/LF, DEL, C1, bidi controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbidden = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let d: PeerDir;
const cli = cliInPeerDir(() => d);

beforeAll(() => {
  d = makePeerDir('keyrescue-cli-controls-');
  // ssh-keygen stores the comment byte for byte, as an attacker's key file would.
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', hostileComment, '-f', d.path('hostile')]);
  peer('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'two\nlines', '-f', d.path('newline')]);
});
afterAll(() => d.cleanup());

describe('terminal-safe CLI output', () => {
  it('escapes controls as \\uXXXX; whole output keeps its line breaks, a field does not', () => {
    expect(terminalSafe(`${hostileComment}\n\tend`)).toBe(`${escapedComment}\n\tend`);
    expect(oneLine('a\nb\tc\u2028')).toBe('a\\u000ab\\u0009c\\u2028');
    expect(terminalSafe('héllo wörld 日本語')).toBe('héllo wörld 日本語');
  });

  it('pubkey and fingerprint print the hostile comment escaped, and JSON stays valid and exact', async () => {
    const pub = await cli('pubkey', 'hostile');
    expect(pub.code).toBe(0);
    expect(pub.stdout).toBe(`${d.read('hostile.pub').trim().replace(hostileComment, escapedComment)}\n`);
    const text = await cli('fingerprint', 'hostile');
    expect(text.stdout).toContain(`  comment:     ${escapedComment}\n`);
    expect(text.stdout).not.toMatch(forbidden);
    const json = await cli('fingerprint', 'hostile', '--json');
    expect(json.stdout).not.toMatch(forbidden);
    expect((JSON.parse(json.stdout) as { comment: string }[])[0]!.comment).toBe(hostileComment);
  });

  it('a comment with a line break stays on the public key line; errors and usage echo input escaped', async () => {
    expect((await cli('pubkey', 'newline')).stdout).toMatch(/^ssh-ed25519 \S+ two lines\n$/);
    expect((await cli('fingerprint', 'newline')).stdout).toContain('  comment:     two\\u000alines\n');
    const unknown = await cli('\u001b]0;x\u0007');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^keyrescue: unknown command '\\u001b]0;x\\u0007'\n/);
    const missing = await cli('pubkey', 'no\u001b[2Jfile');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no\\u001b[2Jfile');
    expect(missing.stderr).not.toMatch(forbidden);
  });
});
