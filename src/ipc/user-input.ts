/**
 * Text a user typed or pasted, for an error message: shown in quotes when it is short and on one
 * line, otherwise only its length. A pasted PEM must never come back inside an error (it lands in
 * logs, the CLI's stderr and the renderer), and a long value would bury the message.
 */
export function describeInput(value: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- any control character means "do not echo"
  if (value.length <= max && !/[\u0000-\u001f\u007f-\u009f]/.test(value)) return `"${value}"`;
  return `(${value.length} characters, not shown)`;
}
