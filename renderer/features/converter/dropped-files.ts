// A dropped file's real path comes from the preload (`window.keyrescueFiles`), so the output can go
// beside it. Without it, a dropped file is read here and sent as pasted text (the output then goes
// into a chosen folder).

/** Key files are tiny; anything bigger is not read into the page. */
const MAX_DROPPED_BYTES = 1024 * 1024;

export type DroppedKey =
  | { kind: 'path'; path: string }
  | { kind: 'text'; text: string; name: string }
  | { kind: 'tooLarge'; name: string };

/** Turns dropped files into paths (preferred) or their text. */
export async function readDroppedFiles(files: FileList | File[]): Promise<DroppedKey[]> {
  const out: DroppedKey[] = [];
  for (const file of Array.from(files)) {
    const path = window.keyrescueFiles?.pathForFile(file);
    if (path) out.push({ kind: 'path', path });
    else if (file.size > MAX_DROPPED_BYTES) out.push({ kind: 'tooLarge', name: file.name });
    else out.push({ kind: 'text', text: await file.text(), name: file.name });
  }
  return out;
}
