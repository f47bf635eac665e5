/**
 * Splits EC2 user data into the parts cloud-init handles: MIME multipart (nested, base64 parts)
 * or a single document whose type cloud-init infers from its first line.
 */

/** One user-data part. */
export interface UserDataPart {
  /** MIME type, e.g. 'text/x-shellscript', 'text/cloud-config'. */
  type: string;
  /** Filename from Content-Disposition (or a generated `part-NNN`). */
  filename: string;
  content: string;
}

/** Start-of-document markers cloud-init uses to infer a part's type. */
const starts: Array<[string, string]> = [
  ['#!', 'text/x-shellscript'],
  ['#cloud-config', 'text/cloud-config'],
  ['#cloud-boothook', 'text/cloud-boothook'],
  ['#include', 'text/x-include-url'],
  ['#part-handler', 'text/part-handler'],
  ['#upstart-job', 'text/upstart-job'],
  ['## template: jinja', 'text/jinja2'],
];

/** Type cloud-init infers from a document's first characters ('text/plain' when unknown). */
export function inferType(content: string): string {
  const head = content.replace(/^\uFEFF/, '');
  return starts.find(([prefix]) => head.startsWith(prefix))?.[1] ?? 'text/plain';
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const idx = line.indexOf(':');
    if (idx > 0) headers.set(line.slice(0, idx).trim().toLowerCase(), line.slice(idx + 1).trim());
  }
  return headers;
}

function param(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m?.[1] ?? m?.[2];
}

function isMime(text: string): boolean {
  return /^(content-type|mime-version)\s*:/i.test(text.trimStart());
}

function splitHead(text: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return [text, ''];
  return [text.slice(0, m.index), text.slice(m.index + m[0].length)];
}

/** Splits user data into parts (an empty or whitespace-only input has none). */
export function splitUserData(text: string): UserDataPart[] {
  const parts: UserDataPart[] = [];
  const add = (type: string, content: string, filename?: string) => {
    parts.push({ type, content, filename: filename ?? `part-${String(parts.length + 1).padStart(3, '0')}` });
  };
  const walk = (doc: string) => {
    if (!isMime(doc)) {
      if (doc.trim() !== '') add(inferType(doc), doc);
      return;
    }
    const [head, body] = splitHead(doc.trimStart());
    const headers = parseHeaders(head);
    const contentType = headers.get('content-type') ?? 'text/plain';
    const mainType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
    if (mainType.startsWith('multipart/')) {
      const boundary = param(contentType, 'boundary');
      if (!boundary) return;
      const delimiter = `--${boundary}`;
      const chunks = body.split(delimiter);
      for (const chunk of chunks.slice(1)) {
        if (chunk.startsWith('--')) break;
        walk(chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
      }
      return;
    }
    let content = body;
    if ((headers.get('content-transfer-encoding') ?? '').toLowerCase() === 'base64') {
      content = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    const filename = param(headers.get('content-disposition'), 'filename');
    const type =
      mainType === 'text/plain' || mainType === 'text/x-not-multipart' ? inferType(content) : mainType;
    add(type, content, filename);
  };
  walk(text);
  return parts;
}
