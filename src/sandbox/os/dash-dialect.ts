/**
 * dash's answer to bash-only features, for scripts the sandbox runs as an Ubuntu/Debian /bin/sh.
 * just-bash is bash (its `set -o posix` is bash's POSIX mode: arrays, `[[`, pipefail still work),
 * so the parsed script is rewritten before it runs: each bash-only construct becomes a call that
 * fails the way dash 0.5.12 does when execution reaches it — same message, same status, fatal or
 * not. Syntax dash refuses (arrays, `<<<`, `<(…)`, `function f {`) is found by the real dash
 * first (dash-syntax.ts). Not modelled: `echo -e`, `$'…'`, `{a,b}`, `&>`, `$((i++))`,
 * and what a script runs through another parse (`sh -c`, `eval`, `bash x.sh`: bash as before).
 */
import type {
  CommandNode,
  ScriptNode,
  SimpleCommandNode,
  StatementNode,
  TransformPlugin,
  WordNode,
} from 'just-bash';
import { defineCommand, type Command } from 'just-bash';

/** The command the rewritten constructs call: `NAME STATUS MESSAGE [MARK OPERAND…]` → message on stderr. */
export const dashErrorCommandName = '__dash_error';
/** Precedes the expanded first operand of a `[ X == Y ]` (it may expand to no word, or several). */
const testOperandMark = '--operand';

/** Commands bash has and dash 0.5.12 lacks: dash answers `NAME: not found` (127) and goes on. */
const bashOnlyBuiltins = new Set([
  'bind',
  'builtin',
  'caller',
  'compgen',
  'complete',
  'compopt',
  'declare',
  'dirs',
  'disown',
  'enable',
  'help',
  'history',
  'let',
  'logout',
  'mapfile',
  'popd',
  'pushd',
  'readarray',
  'shopt',
  'source',
  'suspend',
  'typeset',
]);

/** `set -o` names dash 0.5.12 knows (its `set -o` listing); any other is "Illegal option". */
const dashSetOptions = new Set([
  'errexit',
  'noglob',
  'ignoreeof',
  'interactive',
  'monitor',
  'noexec',
  'stdin',
  'xtrace',
  'verbose',
  'vi',
  'emacs',
  'noclobber',
  'allexport',
  'notify',
  'nounset',
  'privileged',
  'nolog',
  'debug',
]);

/** Parameter operations POSIX defines (dash has exactly these); the rest are "Bad substitution". */
const posixOperations = new Set([
  'DefaultValue',
  'AssignDefault',
  'ErrorIfUnset',
  'UseAlternative',
  'Length',
  'PatternRemoval',
]);

type Part = WordNode['parts'][number];

function literal(value: string): WordNode {
  return { type: 'Word', parts: [{ type: 'Literal', value }] };
}

/** The word's text when it has no expansion (glob characters taken as they are), else undefined. */
function literalText(word: WordNode | null | undefined): string | undefined {
  if (!word) return undefined;
  let text = '';
  for (const part of word.parts) {
    if (part.type === 'Literal' || part.type === 'SingleQuoted' || part.type === 'Escaped')
      text += part.value;
    else if (part.type === 'Glob')
      text += part.pattern; // `[` parses as a glob
    else if (part.type === 'DoubleQuoted' && part.parts.every((inner) => inner.type === 'Literal'))
      text += part.parts.map((inner) => (inner as { value: string }).value).join('');
    else return undefined;
  }
  return text;
}

/** Whether a word part expands a parameter the way only bash can (`${x//a/b}`, `${a[0]}`, `${!x}`…). */
function hasBadSubstitution(parts: readonly Part[]): boolean {
  return parts.some((part) => {
    if (part.type === 'DoubleQuoted') return hasBadSubstitution(part.parts);
    if (part.type !== 'ParameterExpansion') return false;
    if (part.parameter.includes('[')) return true;
    return part.operation !== null && !posixOperations.has(part.operation.type);
  });
}

function wordsOf(command: SimpleCommandNode): WordNode[] {
  const words = [...(command.name ? [command.name] : []), ...command.args];
  for (const assignment of command.assignments) if (assignment.value) words.push(assignment.value);
  for (const redirection of command.redirections)
    if (redirection.target.type === 'Word') words.push(redirection.target);
  return words;
}

/** The first `set` option dash refuses (`-o pipefail`, `-euo pipefail`), as dash names it. */
function illegalSetOption(args: WordNode[]): string | undefined {
  const texts = args.map(literalText);
  for (let i = 0; i < texts.length; i += 1) {
    const text = texts[i];
    if (text === undefined || text === '--' || !/^[-+][a-zA-Z]*o[a-zA-Z]*$/.test(text)) continue;
    const name = texts[i + 1];
    if (name !== undefined && !dashSetOptions.has(name)) return `${text[0] ?? '-'}o ${name}`;
  }
  return undefined;
}

/** dash's `read` knows `-p PROMPT` and `-r`; bash's others (`-a`, `-s`, `-t`, …) are refused. */
function illegalReadOption(args: WordNode[]): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const text = literalText(args[i]);
    if (text === undefined || text === '--' || !/^-[a-zA-Z]+$/.test(text)) return undefined;
    for (const letter of text.slice(1)) if (letter !== 'p' && letter !== 'r') return `-${letter}`;
    if (text.endsWith('p')) i += 1; // the prompt
  }
  return undefined;
}

function errorCall(
  line: number,
  status: number,
  message: string,
  redirections: SimpleCommandNode['redirections'],
  operand: WordNode[] = [],
): SimpleCommandNode {
  return {
    type: 'SimpleCommand',
    line,
    assignments: [],
    name: literal(dashErrorCommandName),
    args: [literal(String(status)), literal(`${line}: ${message}`), ...operand],
    redirections,
  };
}

/** A fatal error: dash prints it and the (sub)shell exits 2, whatever `||` follows. */
function fatal(line: number, message: string, redirections: SimpleCommandNode['redirections']): CommandNode {
  const statement = (command: CommandNode): StatementNode => ({
    type: 'Statement',
    pipelines: [{ type: 'Pipeline', commands: [command], negated: false, timed: false, timePosix: false }],
    operators: [],
    background: false,
  });
  const exit: SimpleCommandNode = {
    type: 'SimpleCommand',
    line,
    assignments: [],
    name: literal('exit'),
    args: [literal('2')],
    redirections: [],
  };
  return {
    type: 'Group',
    body: [statement(errorCall(line, 2, message, [])), statement(exit)],
    redirections,
  };
}

class DashRewriter {
  constructor(private readonly functions: Set<string>) {}

  script(node: ScriptNode, lineBase: number): void {
    this.statements(node.statements, lineBase);
  }

  private statements(list: StatementNode[] | null, base: number): void {
    for (const statement of list ?? [])
      for (const pipeline of statement.pipelines)
        pipeline.commands = pipeline.commands.map((command) => this.command(command, base));
  }

  private nested(words: readonly WordNode[], base: number): void {
    const visit = (parts: readonly Part[]): void => {
      for (const part of parts) {
        if (part.type === 'DoubleQuoted') visit(part.parts);
        // A command substitution is a subshell: its error ends only it. Its lines count from 1.
        else if (part.type === 'CommandSubstitution') this.script(part.body, base);
      }
    };
    for (const word of words) visit(word.parts);
  }

  private command(command: CommandNode, base: number): CommandNode {
    const line = (command.line ?? 1) + base - 1;
    const lineOf = (node: { line?: number }) => node.line ?? line;
    switch (command.type) {
      case 'SimpleCommand':
        return this.simple(command, line, base);
      case 'ConditionalCommand':
        return errorCall(line, 127, '[[: not found', command.redirections);
      case 'ArithmeticCommand': {
        // dash reads `((i++))` as nested subshells running the command `i++`.
        const word = (command.expression.originalText ?? '').trim().split(/\s+/)[0] ?? '';
        return errorCall(line, 127, `${word}: not found`, command.redirections);
      }
      case 'For':
        if (command.words && command.words.some((word) => hasBadSubstitution(word.parts)))
          return fatal(lineOf(command.words[0] ?? {}), 'Bad substitution', []);
        this.nested(command.words ?? [], base);
        this.statements(command.body, base);
        return command;
      case 'Case':
        if (hasBadSubstitution(command.word.parts)) return fatal(line, 'Bad substitution', []);
        this.nested([command.word], base);
        for (const item of command.items) this.statements(item.body, base);
        return command;
      case 'If':
        for (const clause of command.clauses) {
          this.statements(clause.condition, base);
          this.statements(clause.body, base);
        }
        this.statements(command.elseBody, base);
        return command;
      case 'While':
      case 'Until':
        this.statements(command.condition, base);
        this.statements(command.body, base);
        return command;
      case 'Subshell':
      case 'Group':
      case 'CStyleFor':
        this.statements(command.body, base);
        return command;
      case 'FunctionDef':
        command.body = this.command(command.body, base) as typeof command.body;
        return command;
    }
  }

  private simple(command: SimpleCommandNode, line: number, base: number): CommandNode {
    // dash expands the words before it opens redirections: this message is never redirected.
    if (wordsOf(command).some((word) => hasBadSubstitution(word.parts)))
      return fatal(line, 'Bad substitution', []);
    this.nested(wordsOf(command), base);
    const name = literalText(command.name);
    if (name === undefined || this.functions.has(name)) return command;
    if (bashOnlyBuiltins.has(name)) return errorCall(line, 127, `${name}: not found`, command.redirections);
    if (name === 'set') {
      const setOption = illegalSetOption(command.args);
      if (setOption) return fatal(line, `set: Illegal option ${setOption}`, command.redirections);
    }
    const option =
      name === 'read'
        ? illegalReadOption(command.args)
        : name === 'printf' && literalText(command.args[0]) === '-v'
          ? '-v'
          : undefined;
    if (option) return errorCall(line, 2, `${name}: Illegal option ${option}`, command.redirections);
    // `[ X == Y ]`: dash's test knows only `=`; it names the first operand, when there is one.
    const operator = command.args[1];
    if ((name === '[' || name === 'test') && command.args.length === (name === '[' ? 4 : 3) && operator) {
      if (literalText(operator) === '==' && command.args[0])
        return errorCall(line, 2, `${name}: `, command.redirections, [
          literal(testOperandMark),
          command.args[0],
        ]);
    }
    return command;
  }
}

function functionNames(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) functionNames(item, into);
  else if (node && typeof node === 'object') {
    const record = node as { type?: string; name?: unknown };
    if (record.type === 'FunctionDef' && typeof record.name === 'string') into.add(record.name);
    for (const value of Object.values(node))
      if (value && typeof value === 'object') functionNames(value, into);
  }
  return into;
}

/**
 * The rewrite as a just-bash transform plugin. just-bash runs every plugin on each nested parse
 * too (`bash -c`, `eval`, `sh x.sh`): only the first parse — the script file itself — is dash's.
 */
export function dashDialect(): TransformPlugin {
  let applied = false;
  return {
    name: 'dash-dialect',
    transform({ ast }) {
      if (applied) return { ast };
      applied = true;
      new DashRewriter(functionNames(ast, new Set())).script(ast, 1);
      return { ast };
    },
  };
}

/**
 * The command the rewrites call, printing `SCRIPT: LINE: MESSAGE` as dash does. For the test
 * operator the expanded first operand comes last (`[: b: unexpected operator`, `[: unexpected operator`).
 */
export function dashErrorCommand(scriptPath: string): Command {
  return defineCommand(dashErrorCommandName, async (args) => {
    const [status = '2', message = '', mark, ...operand] = args;
    let text = message;
    if (mark === testOperandMark) {
      // An unquoted operand that expands to nothing leaves `==` first: dash names it.
      const first = operand.length === 0 ? '==' : (operand[0] ?? '');
      text += `${first === '' ? '' : `${first}: `}unexpected operator`;
    }
    return { stdout: '', stderr: `${scriptPath}: ${text}\n`, exitCode: Number(status) };
  });
}
