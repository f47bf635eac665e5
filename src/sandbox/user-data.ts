/** Whether text is valid base64 (what EC2 requires for RunInstances UserData). */
export function isValidBase64(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}
