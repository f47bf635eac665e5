/**
 * Text the CLI prints may carry what a key file or AWS put in it (comments, names, paths). Control
 * characters would reach the terminal as commands: ESC starts title/colour/cursor sequences, CR and
 * BS overwrite what was printed, C1 controls (U+0080–U+009F) act as ESC on many terminals, and
 * bidi overrides reorder what the reader sees. They are printed as `\uXXXX`, which also keeps JSON
 * output valid and meaning the same.
 */
// C0 controls except TAB and LF, DEL, C1 controls, bidi embeddings/overrides/isolates, LRM/RLM/ALM,
// and the line/paragraph separators some terminals and editors treat as line breaks.
/* eslint-disable no-control-regex -- matching control characters is the point */
const unsafe =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const unsafeInLine = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Whole output: line breaks and tabs stay (the CLI's own layout), every other control is escaped. */
export function terminalSafe(text: string): string {
  return text.replace(unsafe, escape);
}

/** One field of a line (a comment, a file name): line breaks and tabs are escaped too. */
export function oneLine(text: string): string {
  return text.replace(unsafeInLine, escape);
}
