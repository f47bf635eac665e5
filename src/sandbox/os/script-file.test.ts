import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpreterOf, runScriptFile } from './script-file.js';
import { newInstanceOs, testTempDir } from './test-support.js';

// Scripts as SSM's agent runs them (`sh -c <file>`, no `#!` line ⇒ /bin/sh runs the file), in the
// sandbox on Ubuntu and under the real Debian dash: same stdout, stderr and exit status.
const cases: { name: string; script: string }[] = [
  { name: 'set -o pipefail is fatal', script: 'echo start\nset -o pipefail\necho after\n' },
  { name: 'set -euo pipefail names -o pipefail', script: 'set -euo pipefail\necho after\n' },
  {
    name: 'a redirected set error is still fatal',
    script: 'set -o pipefail 2>/dev/null || echo survived\necho after\n',
  },
  { name: 'set -o errexit is dash too', script: 'set -o errexit\necho ok\n' },
  { name: 'in a pipeline only that subshell ends', script: 'echo a | ( set -o pipefail )\necho after $?\n' },
  { name: 'an array is a syntax error after what ran', script: 'echo start\na=(1 2)\necho after\n' },
  {
    name: 'a syntax error inside if stops before the whole if',
    script: 'echo start\nif true; then\n  echo inside\n  a=(1 2)\nfi\necho after\n',
  },
  { name: 'exit before a syntax error', script: 'echo start\nexit 3\ncat <<< hi\n' },
  { name: 'here-string', script: 'cat <<< hi\n' },
  { name: 'function keyword', script: 'function f { echo in; }\nf\n' },
  { name: '[[ is not found and the script goes on', script: '[[ -n x ]] && echo yes\necho after $?\n' },
  { name: '[[ in an if condition', script: 'if [[ -n x ]]; then echo y; fi\necho after $?\n' },
  { name: 'declare is not found', script: 'declare -a x\necho after $?\n' },
  { name: 'source is not found', script: 'source ./nothing.sh\necho after $?\n' },
  { name: '(( )) runs a command', script: '((i++))\necho after $?\n' },
  { name: 'pattern replacement is a bad substitution', script: 'echo start\necho ${x//a/b}\necho after\n' },
  { name: 'substring in quotes', script: 'x=abc\necho "${x:0:1}"\necho after\n' },
  { name: 'bad substitution in $( ) ends only it', script: 'x=$(echo ${y:0:1})\necho inner $?\n' },
  { name: 'array expansion in for', script: 'for i in ${a[@]}; do echo $i; done\necho after\n' },
  { name: 'indirection in a function', script: 'f() { echo in ${!x}; }\nf\necho after\n' },
  { name: '== in [ ]', script: '[ b == a ]\necho $?\nx=\n[ "$x" == a ]\necho $?\n[ $x == a ]\necho $?\n' },
  { name: '== in test', script: 'test b == a\necho $?\n' },
  {
    name: "read's and printf's bash-only options",
    script:
      'read -ra x <<EOF\na b\nEOF\necho $?\nread -r -p "" y <<EOF\nc\nEOF\necho "$? $y"\nprintf -v z %s 1\necho $? "[$z]"\n',
  },
  {
    name: 'a POSIX script succeeds',
    script: [
      'set -e', // not -u: just-bash 3.4.2 calls an unset ${z:-default} unbound under set -u
      'x=1',
      'f() { local y="$1"; printf "%s|%s|%s\\n" "${y#a}" "${#y}" "${z:-default}"; }',
      'f abc',
      'case $x in 1) echo one;; *) echo other;; esac',
      'for i in a b; do echo "$i"; done',
      'echo "$(echo nested)" $((x + 2))',
      '[ "$x" = 1 ] && echo equal',
      'false || echo recovered',
      '',
    ].join('\n'),
  },
  {
    name: 'bash -c from a dash script is bash',
    script: 'bash -c \'[[ -n x ]] && a=(1 2) && echo "${a[1]}"\'\necho after $?\n',
  },
  {
    name: 'a #!/bin/bash file runs in bash',
    script: '#!/bin/bash\nset -o pipefail\na=(1 2)\necho "${a[1]}"\n',
  },
];

function underDash(dir: string, script: string) {
  const path = join(dir, '_script.sh');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  const ran = spawnSync('/usr/bin/dash', ['-c', path], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
  return { path, stdout: ran.stdout, stderr: ran.stderr, exitCode: ran.status };
}

describe('a script file on Ubuntu runs as dash runs it', () => {
  const os = newInstanceOs('ubuntu-24.04');
  const root = os.findUser('root');
  if (!root) throw new Error('no root in the Ubuntu image');

  it.each(cases)('$name', async ({ script }) => {
    const dash = underDash(testTempDir('keyrescue-dash-'), script);
    const sandbox = await runScriptFile(os, root, script, { binSh: 'dash', scriptPath: dash.path, cwd: '/' });
    expect(sandbox).toEqual({ stdout: dash.stdout, stderr: dash.stderr, exitCode: dash.exitCode });
  });

  it('the cases cover failure and success', () => {
    const statuses = cases.map(({ script }) => underDash(testTempDir('keyrescue-dash-'), script).exitCode);
    expect(statuses).toContain(0);
    expect(statuses).toContain(2);
  });
});

describe('the interpreter of a script file', () => {
  it('is /bin/sh without a #! line, else the #! program', () => {
    expect(interpreterOf('echo hi\n', 'dash')).toBe('dash');
    expect(interpreterOf('echo hi\n', 'bash')).toBe('bash');
    expect(interpreterOf('#!/bin/sh\necho\n', 'dash')).toBe('dash');
    expect(interpreterOf('#!/bin/sh -e\necho\n', 'bash')).toBe('bash');
    expect(interpreterOf('#!/bin/bash\necho\n', 'dash')).toBe('bash');
    expect(interpreterOf('#!/usr/bin/env bash\necho\n', 'dash')).toBe('bash');
    expect(interpreterOf('#!/usr/bin/env sh\necho\n', 'dash')).toBe('dash');
  });

  it('on Amazon Linux, /bin/sh is bash: the same bashisms work', async () => {
    const os = newInstanceOs('al2023');
    const root = os.findUser('root');
    if (!root) throw new Error('no root in the AL2023 image');
    const result = await runScriptFile(os, root, 'set -o pipefail\na=(1 2)\n[[ -n x ]] && echo "${a[1]}"\n', {
      binSh: 'bash',
      scriptPath: '/var/lib/amazon/ssm/_script.sh',
    });
    expect(result).toEqual({ stdout: '2\n', stderr: '', exitCode: 0 });
  });
});
