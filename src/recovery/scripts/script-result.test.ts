import { describe, expect, it } from 'vitest';
import { parseScriptResult } from './script-result';

const line = (fields: Record<string, unknown> = {}) =>
  `KEYRESCUE-RESULT ${JSON.stringify({
    v: 1,
    action: 'add',
    status: 'added',
    reason: null,
    detail: null,
    file: '/home/u/.ssh/authorized_keys',
    backup: null,
    lines: 1,
    keysFileFrom: 'sshd -T',
    warnings: [],
    ...fields,
  })}`;

describe('parseScriptResult', () => {
  it('reads the one result line among other output (a banner, stderr merged in)', () => {
    expect(parseScriptResult(`Welcome\r\n${line()}\r\n`)).toMatchObject({ status: 'added', lines: 1 });
  });

  it('refuses no line, two lines, bad JSON, unknown fields, values or reasons', () => {
    expect(() => parseScriptResult('')).toThrow('The script printed no KEYRESCUE-RESULT line');
    expect(() => parseScriptResult(`${line()}\n${line()}`)).toThrow('has 2 KEYRESCUE-RESULT lines');
    expect(() => parseScriptResult('KEYRESCUE-RESULT {')).toThrow('is not valid JSON');
    expect(() => parseScriptResult(line({ extra: 1 }))).toThrow('does not match its schema');
    expect(() => parseScriptResult(line({ status: 'maybe' }))).toThrow('(status:');
    expect(() => parseScriptResult(line({ status: 'refused', reason: 'bored' }))).toThrow('(reason:');
    expect(() => parseScriptResult(line({ status: 'refused' }))).toThrow('says "refused" with no reason');
    expect(() => parseScriptResult(line({ reason: 'symlink' }))).toThrow('says "added" with a reason');
    expect(() => parseScriptResult(line({ warnings: ['x'] }))).toThrow('(warnings.0:');
  });
});
