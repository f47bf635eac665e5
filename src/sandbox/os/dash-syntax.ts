/**
 * What the real dash says about a script's syntax. just-bash parses bash, which accepts what dash
 * refuses (`a=(1 2)`, `<<<`, `<(…)`, `function f {`), and there is no dash parser in JavaScript:
 * the real dash checks the text with `-n` (parse only, nothing runs, no file is read).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * dash on this computer (Debian/Ubuntu: /usr/bin/dash, macOS: /bin/dash). Where there is none (the
 * app's practice account on Windows, say) scripts still run, only without dash's syntax check.
 */
const dashPath = ['/usr/bin/dash', '/bin/dash'].find((path) => existsSync(path));
const checkTimeoutMs = 10_000;
/** Parses tried when looking for the commands dash runs before its syntax error. */
const maxPrefixParses = 200;
let warnedNoDash = false;

/** A syntax error as dash reports it: `SCRIPT: LINE: Syntax error: …`. */
export interface DashSyntaxError {
  line: number;
  message: string;
}

/** `dash -n` on the script (named `scriptPath` in messages); undefined when dash accepts it. */
export function dashSyntaxError(script: string, scriptPath: string): Promise<DashSyntaxError | undefined> {
  const dash = dashPath;
  if (!dash) {
    if (!warnedNoDash)
      console.warn('sandbox: no dash here; Ubuntu/Debian scripts run without its syntax check');
    warnedNoDash = true;
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    // argv0 is the name dash puts before its messages, as when it runs the script file itself.
    const child = spawn(dash, ['-n'], { argv0: scriptPath, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), checkTimeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // Accepted — or killed after the timeout, which is no verdict on the syntax.
      if (code === 0 || code === null) return resolve(undefined);
      const line = Number(/^[^\n]*?: (\d+): /.exec(stderr)?.[1] ?? '1');
      resolve({ line, message: stderr.trimEnd() });
    });
    child.stdin.on('error', () => undefined); // dash may exit before reading everything
    child.stdin.end(script);
  });
}

/**
 * The lines dash runs before it meets its syntax error: it reads and runs one complete command at
 * a time, so that is the longest run of whole lines before the error line that parses on its own.
 */
export async function linesRunBeforeSyntaxError(script: string, error: DashSyntaxError): Promise<string> {
  const lines = script.split('\n');
  const last = Math.min(error.line - 1, lines.length);
  for (let count = last, tries = 0; count > 0 && tries < maxPrefixParses; count -= 1, tries += 1) {
    const prefix = `${lines.slice(0, count).join('\n')}\n`;
    if (!(await dashSyntaxError(prefix, 'prefix'))) return prefix;
  }
  return '';
}
