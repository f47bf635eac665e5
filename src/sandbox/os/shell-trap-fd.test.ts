import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { newInstanceOs } from './test-support.js';

/**
 * What patches/just-bash+3.4.2.patch adds to the guest shell for KeyRescue's scripts: the `trap`
 * builtin (EXIT runs once when the shell ends) and `exec 3>&1` keeping fd 3 on the original
 * stdout from inside captured or redirected output. Each script's expected output is what dash
 * prints for it (checked against the real dash below when it is installed).
 */
const cases: { name: string; script: string; stdout: string; stderr?: string; exitCode: number }[] = [
  {
    name: 'EXIT trap at the normal end, with $? the last status',
    script: 'trap \'echo "bye $?"\' EXIT\necho hi\nfalse',
    stdout: 'hi\nbye 1\n',
    exitCode: 1,
  },
  {
    name: 'exit N inside a function runs the trap once; the status stays N',
    script: 'trap \'echo "trap $?"\' EXIT\nf() { exit 3; }\nf\necho never',
    stdout: 'trap 3\n',
    exitCode: 3,
  },
  {
    name: 'exit inside the trap sets the status',
    script: "trap 'echo t; exit 9' EXIT\nexit 2",
    stdout: 't\n',
    exitCode: 9,
  },
  {
    name: 'an exit in a command substitution or subshell does not end the shell or run the trap',
    script:
      'trap \'echo "trap $?"\' EXIT\nx=$(exit 4) || echo "sub $?"\n(exit 5) || echo "subshell $?"\necho end',
    stdout: 'sub 4\nsubshell 5\nend\ntrap 0\n',
    exitCode: 0,
  },
  {
    name: 'set -e failure runs the trap with the failing status',
    script: 'set -e\ntrap \'echo "trap $?"\' EXIT\necho a\nf() { return 6; }\nf\necho never',
    stdout: 'a\ntrap 6\n',
    exitCode: 6,
  },
  {
    name: "trap - and trap '' clear; HUP INT TERM are accepted; a bad signal is an error",
    script:
      "trap 'echo no' EXIT\ntrap - EXIT\ntrap 'exit 129' HUP\ntrap 'exit 130' INT\ntrap 'exit 143' TERM\n" +
      "trap '' QUIT\ntrap 'echo x' BOGUS || echo \"bad $?\"\necho end",
    stdout: 'bad 1\nend\n',
    stderr: 'bash: trap: BOGUS: invalid signal specification\n',
    exitCode: 0,
  },
  {
    name: 'fd 3 from exec 3>&1 reaches the original stdout from $(...) and a redirected function',
    script:
      'exec 3>&1\nf() { echo out; printf "to3 %s\\n" "$1" >&3; }\nx=$(f one)\necho "x=$x"\n' +
      'f two >/dev/null\ng() { f three; }\ng >/dev/null 2>&1\n{ echo 1; y=$(f four); echo 2; }\necho "y=$y"',
    stdout: 'to3 one\nx=out\nto3 two\nto3 three\n1\nto3 four\n2\ny=out\n',
    exitCode: 0,
  },
  {
    name: 'fd 3 output survives exit inside a function redirected to a file, and the trap writes to fd 3',
    script:
      'exec 3>&1\ntmp=$(mktemp)\ntrap \'printf "trap %s\\n" "$?" >&3; rm -f "$tmp"\' EXIT\n' +
      'f() { echo to-file; printf "result\\n" >&3; exit 2; }\nf >"$tmp"',
    stdout: 'result\ntrap 2\n',
    exitCode: 2,
  },
  {
    name: 'output before exit in a redirected function stays in the redirect',
    script: 'f() { echo hidden; echo err >&2; exit 3; }\nf >/dev/null 2>&1',
    stdout: '',
    exitCode: 3,
  },
  {
    name: 'a pipe and 4>&3 on a command keep fd 3 on the original stdout',
    script:
      'exec 3>&1\n{ echo piped; echo direct >&3; } | tr a-z A-Z\nh() { echo four >&4; }\nh 4>&3 >/dev/null',
    stdout: 'direct\nPIPED\nfour\n',
    exitCode: 0,
  },
  {
    name: 'exec 3>&1 inside a command substitution is that capture',
    script: 'x=$(exec 3>&1; echo inner >&3)\necho "x=$x"',
    stdout: 'x=inner\n',
    exitCode: 0,
  },
];

const dash = (() => {
  try {
    execFileSync('dash', ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
})();

describe('guest shell: trap and persistent fd 3', () => {
  it.each(cases)('$name', async ({ script, stdout, stderr, exitCode }) => {
    const os = newInstanceOs('al2023');
    expect(await os.exec(script, { user: 'root' })).toEqual({ stdout, stderr: stderr ?? '', exitCode });
  });

  // The expectations above are real shell behaviour, not the sandbox's own idea of it.
  it.skipIf(!dash).each(cases)('dash agrees: $name', ({ script, stdout, exitCode }) => {
    const ran = spawnSync('dash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect({ stdout: ran.stdout, exitCode: ran.status }).toEqual({ stdout, exitCode });
  });
});
