/**
 * Pages the app may open in the user's browser: AWS documentation and the AWS console, over https
 * only (checklist item 15). Everything else a page tries to open is dropped.
 */
const allowedHosts = ['docs.aws.amazon.com', 'console.aws.amazon.com', 'aws.amazon.com'];
/** Regional consoles, e.g. `us-east-1.console.aws.amazon.com`. */
const regionalConsole = /^[a-z]{2}(-[a-z]+)+-\d\.console\.aws\.amazon\.com$/;

/** Whether `url` may be handed to `shell.openExternal`. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '')
    return false;
  return allowedHosts.includes(parsed.hostname) || regionalConsole.test(parsed.hostname);
}
