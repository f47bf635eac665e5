/**
 * A short stand-in for the generated authorized-keys script, for runner tests that are about the
 * path rather than the script (the sandbox's guest shell runs the real one too since
 * patches/just-bash+3.4.2.patch added `trap` and a persistent fd 3). The stand-in appends the key
 * (as root, into the user's file) when its blob is absent and prints a result line of the real
 * schema, which is all a runner reads: it proves push → login → root → file → OpenSSH.
 * The real script through the same runner code runs against a real sshd in
 * another-login-runner.sshd.test.ts.
 */
export function standInAddScript(user: string, publicLine: string): string {
  const blob = publicLine.split(' ')[1] ?? '';
  const file = `/home/${user}/.ssh/authorized_keys`;
  return [
    '#!/bin/sh',
    'set -eu',
    `[ "$(id -u)" = 0 ] || { echo 'not root' >&2; exit 3; }`,
    `f=${file}`,
    `key='${publicLine}'`,
    `if grep -qF '${blob}' "$f"; then s=alreadyPresent; else printf '%s\\n' "$key" >>"$f"; s=added; fi`,
    `printf 'KEYRESCUE-RESULT {"v":1,"action":"add","status":"%s","reason":null,"detail":null,"file":"%s","backup":null,"lines":1,"keysFileFrom":"default","warnings":[]}\\n' "$s" "$f"`,
  ].join('\n');
}
