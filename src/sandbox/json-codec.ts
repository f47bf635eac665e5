/** Converts Dates to epoch seconds (JSON 1.1's timestamp form) and Uint8Arrays to base64, deeply. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) result[key] = toJsonValue(entry);
    }
    return result;
  }
  return value;
}

/** Serialises an SDK-shaped output object as an AWS JSON 1.1 response body. */
export function writeJsonResponse(output: unknown): string {
  return JSON.stringify(toJsonValue(output ?? {}));
}
