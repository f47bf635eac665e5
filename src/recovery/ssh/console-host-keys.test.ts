import { describe, expect, it } from 'vitest';
import { consoleHostKeysOf } from './console-host-key-reader';
import { decodeConsoleOutput, maxConsoleChars, parseConsoleHostKeys } from './console-host-keys';

// Console texts as EC2 returns them (decoded): the practice sandbox's own, and cloud-init's on
// Amazon Linux 2 / Ubuntu (fingerprint lines through syslog with a `<14>… ec2:` prefix, the keys
// block bare, CRLF from the serial console). The keys were made with ssh-keygen; the expected
// fingerprints are what `ssh-keygen -lf` printed for them.

const sandboxConsole =
  "Cloud-init v. 22.2.2 running 'modules:init' at Wed, 02 Dec 2026 08:05:50 +0000. Up 8.41 seconds.\n" +
  "Cloud-init v. 22.2.2 running 'modules:config' at Wed, 02 Dec 2026 08:05:50 +0000. Up 8.41 seconds.\n" +
  "Cloud-init v. 22.2.2 running 'modules:final' at Wed, 02 Dec 2026 08:05:50 +0000. Up 8.41 seconds.\n" +
  '#############################################################\n' +
  '-----BEGIN SSH HOST KEY FINGERPRINTS-----\n' +
  '256 SHA256:3dpVtvpIEFr/3CbaaYd3ym2ITk1HuBdr/8QHYYjCCSE root@ip-172-31-11-132.ec2.internal (ED25519)\n' +
  '-----END SSH HOST KEY FINGERPRINTS-----\n' +
  '#############################################################\n' +
  '-----BEGIN SSH HOST KEY KEYS-----\n' +
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGID9EDa4cJGIlBueNYiZKafd8punp2TJNPkqUuoQqy/ root@ip-172-31-11-132.ec2.internal\n' +
  '-----END SSH HOST KEY KEYS-----\n' +
  'Cloud-init v. 22.2.2 finished at Wed, 02 Dec 2026 08:05:50 +0000. Datasource DataSourceEc2Local.  Up 12.37 seconds\n' +
  '(instance i-106e99366a1544e4d)\n';

const keys = {
  ecdsa:
    'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHareFQfQ+PQT8xYuz5paXZET32LubLmOBIE+TI9tlA/AVY4hlfa0oWKs2Zw5sC/ecLM9RKf1PlfDqs45X4gKEs= root@ip-10-0-1-23',
  ed25519:
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICAuG7yaPGFzvluXceUwUT0wiPB8f+zFkhIZn0DUyfU5 root@ip-10-0-1-23',
  rsa: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCpQW1F6cZhbkjWHG8rZD1rMr3znT3m8NXUsQTHPyH3mQQcg3z6mbiApz7UOf4IW5Uwkb+BZkZTGpp4OOpzQf4FbRxgpJHZ/Ggss1a92GzDlDSeuG121dpgweaAJtkEtieqeFpmP5NKxiYimVf7sXEgZz4GuTu2rcV6/wsGygJWLqQKbktPoXu/XkwKFUopdEA4Nw02u0Qgtfx6+tsXrv42r0stjQ4uB3ceYQ7dxoREvtrLWFMIRET3XuQUavD40e2mJHoPsp6djzLHxVG3RAxAKNOz+tQhtWdOuYseeCcgTyOqltSZrlNOQBc9zkh5TLWp97NxsIglBeUuemRvYAQNVB7yEkJ0IQPbWdSd2Y6CaUoSc7ggRDgRMWxcPoFrjiKEHsicAwLZm5C/CY7Eu+Ztmw84KCdd363IWp7vA9w3j9CXKGryLmun3Ln6JQ8GJArD6Bq2apOcjLuptysJZC7lf1aBVIyQ7WA/EF1cYRK4KIJqQOp9NY0a9qSJsGzcmLk= root@ip-10-0-1-23',
  rsa2048:
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDkdRDJ83M4ifZxEpma3y0GUaCYfDrLKHC13NMWtcxEvtF5ZeoohCkAM4F0LwxmHdXy0E/xzmLMgdpvbSsHxVWZ1kc6h47OKSVG2FHrId1/NsAZOKGe92ay5JD01xR0BEcVoEbXi5xtEMmo6QyDz1zjeUxUauqgZa6Oyt3NVPQvn+r6lAhIVSviJ3B+jI9/IEiU0C0G3FUZ7iSXZVdLu2HXsmonQNIeYz+aTK0Dmy6/DGLyIH+9YPSG3soB7fAgBAVIsix/DwtVeY4LWWVir7P9prC69lA9py2hnG1voZK8RmNkw9DhBx1WmXk7yIj/kcOjvSUhey9uiYmI6Z/xvFL5 root@ip-10-0-1-23',
};
const fingerprints = {
  ecdsa: 'SHA256:MLYKnMXfY3InSe1e85EQxqwgfejbG9ib/ifCWilnqf4',
  ed25519: 'SHA256:zlD4NO92lOun087zZSTsT+Qfn1BywhnxQ+Y6kbzdjgQ',
  rsa: 'SHA256:zpC1/iLWvE94EjBdJ9S8xc3nNJgP1Q3FuzjqAIBXCL8',
  rsa2048: 'SHA256:tFbPrYHL+5+/GfXP4Sdg8LB29/JC18KG/VvhRibZSQY',
};

/** One boot's blocks as cloud-init's write-ssh-key-fingerprints prints them through syslog. */
function cloudInitBlocks(lines: { fingerprints: string[]; keys: string[] }, eol = '\n'): string {
  const log = (text: string) => `<14>Dec  2 08:01:17 ec2: ${text}`;
  return [
    "[   28.418254] cloud-init[2543]: Cloud-init v. 19.3-46.amzn2 running 'modules:final' at Wed, 02 Dec 2026 08:01:16 +0000. Up 28.37 seconds.",
    'ci-info: no authorized SSH keys fingerprints found for user ec2-user.',
    log(''),
    log('#############################################################'),
    log('-----BEGIN SSH HOST KEY FINGERPRINTS-----'),
    ...lines.fingerprints.map(log),
    log('-----END SSH HOST KEY FINGERPRINTS-----'),
    log('#############################################################'),
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...lines.keys,
    '-----END SSH HOST KEY KEYS-----',
    '[   28.517740] cloud-init[2543]: Cloud-init v. 19.3-46.amzn2 finished at Wed, 02 Dec 2026 08:01:17 +0000. Datasource DataSourceEc2.  Up 28.50 seconds',
    '',
  ].join(eol);
}

const amazonLinux = cloudInitBlocks({
  fingerprints: [
    `256 ${fingerprints.ecdsa} root@ip-10-0-1-23 (ECDSA)`,
    `256 ${fingerprints.ed25519} root@ip-10-0-1-23 (ED25519)`,
    `3072 ${fingerprints.rsa} root@ip-10-0-1-23 (RSA)`,
  ],
  keys: [keys.ecdsa, keys.ed25519, keys.rsa],
});

describe('parseConsoleHostKeys', () => {
  it('reads the practice sandbox’s console: one Ed25519 key, equal to the keys block’s', () => {
    expect(parseConsoleHostKeys(sandboxConsole)).toEqual({
      keys: [{ type: 'ED25519', fingerprint: 'SHA256:3dpVtvpIEFr/3CbaaYd3ym2ITk1HuBdr/8QHYYjCCSE' }],
      source: 'fingerprints',
    });
    const keysOnly = sandboxConsole.replace(
      /-----BEGIN SSH HOST KEY FINGERPRINTS-----[^]*?-----END SSH HOST KEY FINGERPRINTS-----\n/,
      '',
    );
    expect(parseConsoleHostKeys(keysOnly)).toEqual({
      keys: [{ type: 'ED25519', fingerprint: 'SHA256:3dpVtvpIEFr/3CbaaYd3ym2ITk1HuBdr/8QHYYjCCSE' }],
      source: 'keys',
    });
  });

  it('reads cloud-init’s syslog-prefixed block with three key types, LF and CRLF alike', () => {
    const expected = {
      keys: [
        { type: 'ECDSA', fingerprint: fingerprints.ecdsa },
        { type: 'ED25519', fingerprint: fingerprints.ed25519 },
        { type: 'RSA', fingerprint: fingerprints.rsa },
      ],
      source: 'fingerprints',
    };
    expect(parseConsoleHostKeys(amazonLinux)).toEqual(expected);
    expect(parseConsoleHostKeys(amazonLinux.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(parseConsoleHostKeys(amazonLinux.replace(/\n/g, '\r'))).toEqual(expected);
  });

  it('takes the last boot’s block when a reboot printed new host keys', () => {
    const firstBoot = cloudInitBlocks({
      fingerprints: [`2048 ${fingerprints.rsa2048} root@ip-10-0-1-23 (RSA)`],
      keys: [keys.rsa2048],
    });
    const rebooted = cloudInitBlocks({
      fingerprints: [`256 ${fingerprints.ed25519} root@ip-10-0-1-23 (ED25519)`],
      keys: [keys.ed25519],
    });
    expect(parseConsoleHostKeys(`${firstBoot}[    0.000000] Linux version 5.10\n${rebooted}`)).toEqual({
      keys: [{ type: 'ED25519', fingerprint: fingerprints.ed25519 }],
      source: 'fingerprints',
    });
  });

  it('computes SHA256 fingerprints from the keys block when the fingerprints are MD5 (old cloud-init) or missing', () => {
    const md5 = cloudInitBlocks({
      fingerprints: [
        '256 d6:d9:53:75:3b:dd:bc:e9:da:c9:42:13:ed:6a:24:37 /etc/ssh/ssh_host_ecdsa_key.pub (ECDSA)',
        '2048 fd:5b:26:48:b5:ac:ec:b1:92:83:e5:a9:a6:43:cb:75 /etc/ssh/ssh_host_rsa_key.pub (RSA)',
      ],
      keys: [keys.ecdsa, keys.rsa2048],
    });
    const expected = {
      keys: [
        { type: 'ECDSA', fingerprint: fingerprints.ecdsa },
        { type: 'RSA', fingerprint: fingerprints.rsa2048 },
      ],
      source: 'keys',
    };
    expect(parseConsoleHostKeys(md5)).toEqual(expected);
    const keysOnly = [
      '-----BEGIN SSH HOST KEY KEYS-----',
      keys.ecdsa,
      keys.rsa2048,
      '-----END SSH HOST KEY KEYS-----',
    ];
    expect(parseConsoleHostKeys(keysOnly.join('\r\n'))).toEqual(expected);
  });

  it('finds nothing in output without a block, and nothing outside complete blocks', () => {
    expect(parseConsoleHostKeys('')).toEqual({ keys: [], source: null });
    expect(parseConsoleHostKeys('Windows is Ready to use\n')).toEqual({ keys: [], source: null });
    // A fingerprint line outside any block, an unterminated block (output cut off at the end), an END
    // without its BEGIN (cut off at the start) and a block closed by the other kind's END.
    const stray = [
      `256 ${fingerprints.ed25519} root@evil (ED25519)`,
      `256 ${fingerprints.ecdsa} root@x (ECDSA)`,
      '-----END SSH HOST KEY FINGERPRINTS-----',
      '-----BEGIN SSH HOST KEY FINGERPRINTS-----',
      `3072 ${fingerprints.rsa} root@x (RSA)`,
      '-----END SSH HOST KEY KEYS-----',
      '-----BEGIN SSH HOST KEY FINGERPRINTS-----',
      `256 ${fingerprints.ed25519} root@x (ED25519)`,
    ];
    expect(parseConsoleHostKeys(stray.join('\n'))).toEqual({ keys: [], source: null });
  });

  it('skips garbage inside a block: binary noise, malformed lines, a key blob of another algorithm', () => {
    const noise = Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 73 + 11) % 256)).toString(
      'latin1',
    );
    const forged = `ssh-ed25519 ${keys.rsa.split(' ')[1]} root@x`;
    const text = [
      '-----BEGIN SSH HOST KEY FINGERPRINTS-----',
      noise,
      '256 SHA256:tooShort root@x (ED25519)',
      `SHA256:${'A'.repeat(43)} no size (ED25519)`,
      `256 ${fingerprints.ed25519} no type`,
      `256 ${fingerprints.ecdsa} no comment (ECDSA)`,
      `256 ${fingerprints.ecdsa} again (ECDSA)`,
      '-----END SSH HOST KEY FINGERPRINTS-----',
    ].join('\n');
    expect(parseConsoleHostKeys(text)).toEqual({
      keys: [{ type: 'ECDSA', fingerprint: fingerprints.ecdsa }],
      source: 'fingerprints',
    });
    const badKeys = [
      '-----BEGIN SSH HOST KEY KEYS-----',
      forged,
      'ssh-rsa !!!notbase64',
      noise,
      '-----END SSH HOST KEY KEYS-----',
    ];
    expect(parseConsoleHostKeys(badKeys.join('\n'))).toEqual({ keys: [], source: null });
  });

  it('reads only the tail of oversized output, and skips overlong lines', () => {
    const filler = `${'x'.repeat(99)}\n`.repeat(Math.ceil((maxConsoleChars * 2) / 100));
    expect(parseConsoleHostKeys(`${filler}${amazonLinux}`).keys).toHaveLength(3);
    expect(parseConsoleHostKeys(`${amazonLinux}${filler}`)).toEqual({ keys: [], source: null });
    const overlong = amazonLinux.replace(
      `256 ${fingerprints.ed25519}`,
      `${' '.repeat(9000)}256 ${fingerprints.ed25519}`,
    );
    expect(parseConsoleHostKeys(overlong).keys.map((key) => key.type)).toEqual(['ECDSA', 'RSA']);
  });
});

describe('decodeConsoleOutput', () => {
  it('decodes base64, and of oversized output only the last part on a clean boundary', () => {
    expect(decodeConsoleOutput(Buffer.from(sandboxConsole).toString('base64'))).toBe(sandboxConsole);
    expect(decodeConsoleOutput('')).toBe('');
    const big = `${'y'.repeat(maxConsoleChars * 2 + 1)}${amazonLinux}`;
    const decoded = decodeConsoleOutput(Buffer.from(big).toString('base64'));
    expect(decoded.endsWith(amazonLinux)).toBe(true);
    expect(decoded.length).toBeLessThanOrEqual(maxConsoleChars + 3);
    expect(decoded.length).toBeGreaterThan(maxConsoleChars - 3);
    expect(/^y+$/.test(decoded.slice(0, -amazonLinux.length))).toBe(true);
  });
});

describe('consoleHostKeysOf', () => {
  it('tells an empty console (not posted yet) from output without host keys', () => {
    expect(consoleHostKeysOf('')).toEqual({ status: 'empty', keys: [] });
    expect(consoleHostKeysOf('\r\n \n', '2026-12-02T08:00:00.000Z')).toEqual({
      status: 'empty',
      keys: [],
      capturedAt: '2026-12-02T08:00:00.000Z',
    });
    expect(consoleHostKeysOf('Windows is Ready to use\n')).toEqual({ status: 'notPrinted', keys: [] });
    expect(consoleHostKeysOf(sandboxConsole, '2026-12-02T08:05:50.000Z')).toEqual({
      status: 'found',
      keys: [{ type: 'ED25519', fingerprint: 'SHA256:3dpVtvpIEFr/3CbaaYd3ym2ITk1HuBdr/8QHYYjCCSE' }],
      source: 'fingerprints',
      capturedAt: '2026-12-02T08:05:50.000Z',
    });
  });
});
