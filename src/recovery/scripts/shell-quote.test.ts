import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellAssignment, shellQuote } from './shell-quote';
import { shells } from './test-support/run-script';

const hostile = [
  '',
  "it's",
  "''",
  '$(touch /nonexistent/x)',
  '`id`',
  '${HOME} $HOME \\$HOME',
  '"double" \\"escaped\\"',
  'a;b|c&d>e<f',
  '*?[a-z]~',
  ' leading and trailing ',
  '\\',
  "end with quote'",
  '日本語のコメント',
  '\t tab',
];

describe('shellQuote', () => {
  it.each(shells)('round-trips hostile values through real $name unchanged', (shell) => {
    for (const value of hostile) {
      const [program, ...args] = shell.command;
      const printed = execFileSync(program, [...args, '-c', `printf '%s' ${shellQuote(value)}`], {
        encoding: 'utf8',
      });
      expect(printed).toBe(value);
    }
  });

  it('keeps a value one word however many quotes it has', () => {
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
    expect(
      execFileSync('dash', ['-c', `set -- ${shellQuote("a 'b' c")}; echo $#`], { encoding: 'utf8' }),
    ).toBe('1\n');
  });

  it('refuses a NUL, and a line break where a value must be one line', () => {
    expect(() => shellQuote('a\0b', 'the comment')).toThrow('The comment contains a NUL character.');
    expect(() => shellAssignment('KR_USER', 'a\nb', 'the target user')).toThrow(
      'The target user must be one line.',
    );
    expect(() => shellAssignment('KR_USER', 'a\rb', 'the target user')).toThrow('must be one line');
    expect(shellAssignment('KR_USER', "o'k", 'the target user')).toBe(`KR_USER='o'\\''k'`);
  });
});
