import { describe, expect, it } from 'vitest';
import { splitUserData } from '../../sandbox/os/user-data-parts';
import { userDataPathErrorCodes } from './user-data-errors';
import { consoleSinceMarker, findConsoleResult } from './console-result';
import {
  markerLine,
  recoveryOf,
  recoveryUserData,
  recoveryUserDataBytes,
  userDataLimitBytes,
} from './recovery-user-data';

const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBr2N1qkqkE0Jq5FQpG2oS3ZcJyB0k7QH7qC7l7pO0bK new';
const input = {
  recoveryId: 'rec-20261202-140000-0a1b2c3d',
  runId: '0123456789ab',
  targetUser: 'ec2-user',
  publicKey: key,
};

describe('the recovery user data document', () => {
  it('is the MIME form of research §4: cloud-config [scripts-user, always], then the marked shared script', () => {
    const text = recoveryUserData(input);
    expect(text.startsWith('Content-Type: multipart/mixed; boundary="//"\nMIME-Version: 1.0\n\n--//\n')).toBe(
      true,
    );
    expect(text.endsWith('\n--//--\n')).toBe(true);
    expect(text).not.toContain('\r');
    // Parsed by the sandbox's cloud-init splitter, an independent reading of the same MIME rules.
    const parts = splitUserData(text);
    expect(parts.map((part) => `${part.type} ${part.filename}`)).toEqual([
      'text/cloud-config cloud-config.txt',
      'text/x-shellscript keyrescue-add-key.sh',
    ]);
    expect(parts[0]?.content).toBe('#cloud-config\ncloud_final_modules:\n- [scripts-user, always]\n');
    const lines = parts[1]?.content.split('\n') ?? [];
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines[2]).toBe(`echo '${markerLine(input.recoveryId, input.runId)}'`);
    // cloud-init's keys-to-console block, printed by the script itself (that module is per-instance).
    expect(lines.slice(3, 6)).toEqual([
      "echo '-----BEGIN SSH HOST KEY FINGERPRINTS-----'",
      'for f in /etc/ssh/ssh_host_*key.pub; do if [ -f "$f" ]; then ssh-keygen -l -f "$f" 2>/dev/null || :; fi; done',
      "echo '-----END SSH HOST KEY FINGERPRINTS-----'",
    ]);
    // Before the shared script's `set -eu`: a key file ssh-keygen cannot read never stops the recovery.
    expect(lines.indexOf('set -eu')).toBe(8);
    expect(parts[1]?.content).toContain(`KR_KEY_LINE='${key}'`);
    expect(recoveryOf(Buffer.from(text))).toEqual({ recoveryId: input.recoveryId, runId: input.runId });
    expect(recoveryOf(Buffer.from('#!/bin/sh\necho hi\n'))).toBeNull();
  });

  it('refuses more than 16384 bytes with the size it would have', () => {
    const long = `${key} ${'c'.repeat(4000)}`;
    let caught: unknown;
    try {
      recoveryUserDataBytes({ ...input, publicKey: long }, 'i-0123456789abcdef0');
    } catch (error) {
      caught = error;
    }
    const size = Buffer.byteLength(recoveryUserData({ ...input, publicKey: long }));
    expect(size).toBeGreaterThan(userDataLimitBytes);
    expect(caught).toMatchObject({
      code: userDataPathErrorCodes.tooLarge,
      details: { bytes: String(size), limit: '16384', instanceId: 'i-0123456789abcdef0' },
    });
    expect(recoveryUserDataBytes(input, 'i-0123456789abcdef0').length).toBeLessThanOrEqual(
      userDataLimitBytes,
    );
  });
});

describe('findConsoleResult', () => {
  const marker = markerLine(input.recoveryId, input.runId);
  const line = 'KEYRESCUE-RESULT {"v":1}';

  it("reads the result after this run's last marker, past prefixes and CRs, never an earlier boot's", () => {
    const earlier = `${markerLine(input.recoveryId, 'ffffffffffff')}\n${line} old\n`;
    expect(
      findConsoleResult(
        `${earlier}[  12.3] cloud-init[912]: ${marker}\r\ncloud-init[912]: ${line}\r\n`,
        marker,
      ),
    ).toEqual({
      kind: 'result',
      line,
    });
    expect(findConsoleResult(earlier, marker)).toEqual({ kind: 'notStarted' });
    expect(findConsoleResult(`${marker}\n${line} first\n${marker}\nstill going\n`, marker)).toEqual({
      kind: 'started',
    });
  });

  it("consoleSinceMarker is this run's last boot only (its host key block), empty before the marker", () => {
    const earlier = `${marker}\n-----BEGIN SSH HOST KEY FINGERPRINTS-----\nold\n`;
    expect(consoleSinceMarker(`${earlier}reboot\ncloud-init[9]: ${marker}\r\nnew\r\n`, marker)).toBe(
      `cloud-init[9]: ${marker}\nnew\n`,
    );
    expect(consoleSinceMarker('nothing of ours\n', marker)).toBe('');
  });
});
