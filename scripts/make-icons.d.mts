/** Types for scripts/make-icons.mjs. */
export declare function buildIco(images: { size: number; png: Buffer }[]): Buffer;
export declare function buildIcns(entries: { type: string; png: Buffer }[]): Buffer;
