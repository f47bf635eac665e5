import { addKeyScript } from '../scripts/authorized-key-script';
import { tooLargeError } from './user-data-errors';

/**
 * The user data the recovery boots with (research §4): a MIME multipart document whose cloud-config
 * part sets `cloud_final_modules: [[scripts-user, always]]` (user scripts are per-instance and
 * already done, so the part must force them to run again) and whose shell part is the shared
 * authorized-keys script, preceded by a marker line. The marker names the recovery and this
 * setting's run id, so the console output of *this* boot is told apart from earlier boots' lines.
 * After the marker the script prints the host keys' fingerprints as cloud-init's keys-to-console
 * does (that module is per-instance, and the list above replaces it anyway): the verification
 * login pins them instead of asking the user, which would cost another stop and start.
 */

/** EC2's limit on user data, in raw bytes before base64 (research §4). */
export const userDataLimitBytes = 16 * 1024;

/** The marker line's start; the rest is `<recovery id> run=<run id>`. */
export const userDataMarkerPrefix = 'KEYRESCUE-USERDATA ';

/** The boundary AWS's own examples use; no line of ours can begin with it (checked below). */
const boundary = '//';

/** A run id: 12 hex digits, so the document's size does not depend on it. */
export const runIdPattern = /^[0-9a-f]{12}$/;

export interface RecoveryUserDataInput {
  recoveryId: string;
  /** Tells this setting's boot apart in the console output (12 hex digits). */
  runId: string;
  targetUser: string;
  /** The new public key line; only public keys travel in user data (research §11.8). */
  publicKey: string;
}

function part(type: string, filename: string, body: string): string {
  // eslint-disable-next-line no-control-regex -- the 7bit label is true only for ASCII
  const ascii = /^[\u0000-\u007f]*$/.test(body);
  return [
    `--${boundary}`,
    `Content-Type: ${type}; charset="${ascii ? 'us-ascii' : 'utf-8'}"`,
    'MIME-Version: 1.0',
    `Content-Transfer-Encoding: ${ascii ? '7bit' : '8bit'}`,
    `Content-Disposition: attachment; filename="${filename}"`,
    '',
    body,
  ].join('\n');
}

/** The marker line the shell part prints first, exactly. */
export function markerLine(recoveryId: string, runId: string): string {
  return `${userDataMarkerPrefix}${recoveryId} run=${runId}`;
}

/**
 * This boot's host key fingerprints in cloud-init's block (write-ssh-key-fingerprints), one
 * `ssh-keygen -l` line per key sshd's default HostKey files hold. Never fails the script.
 */
export const hostKeyFingerprintLines = [
  "echo '-----BEGIN SSH HOST KEY FINGERPRINTS-----'",
  'for f in /etc/ssh/ssh_host_*key.pub; do if [ -f "$f" ]; then ssh-keygen -l -f "$f" 2>/dev/null || :; fi; done',
  "echo '-----END SSH HOST KEY FINGERPRINTS-----'",
];

/** The shell part: the shared script with the marker and the host keys printed before anything else it does. */
function shellPart(input: RecoveryUserDataInput): string {
  const script = addKeyScript({ targetUser: input.targetUser, publicKey: input.publicKey });
  const [shebang, ...rest] = script.split('\n');
  return [
    shebang,
    `# KeyRescue recovery ${input.recoveryId}: runs at every boot until KeyRescue restores the original user data.`,
    `echo '${markerLine(input.recoveryId, input.runId)}'`,
    ...hostKeyFingerprintLines,
    ...rest,
  ].join('\n');
}

/** The document as text (LF line endings, as cloud-init expects outside per-frequency scripts). */
export function recoveryUserData(input: RecoveryUserDataInput): string {
  if (!runIdPattern.test(input.runId)) throw new Error(`Run id ${input.runId} is not 12 hex digits.`);
  const shell = shellPart(input);
  if (shell.split('\n').some((line) => line.startsWith(`--${boundary}`)))
    throw new Error('The recovery script has a line that starts with the MIME boundary.');
  return [
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    'MIME-Version: 1.0',
    '',
    part(
      'text/cloud-config',
      'cloud-config.txt',
      '#cloud-config\ncloud_final_modules:\n- [scripts-user, always]\n',
    ),
    part('text/x-shellscript', 'keyrescue-add-key.sh', shell.endsWith('\n') ? shell : `${shell}\n`),
    `--${boundary}--`,
    '',
  ].join('\n');
}

/** The document's raw bytes, refused before anything changes when EC2 would refuse them. */
export function recoveryUserDataBytes(input: RecoveryUserDataInput, instanceId: string): Uint8Array {
  const bytes = Buffer.from(recoveryUserData(input), 'utf8');
  if (bytes.length > userDataLimitBytes) throw tooLargeError(instanceId, bytes.length, userDataLimitBytes);
  return new Uint8Array(bytes);
}

/**
 * Which KeyRescue recovery (and run) a user data document belongs to, if it is one of ours: read
 * from its marker line, so a resume can tell "already ours" from "still the original".
 */
export function recoveryOf(userData: Uint8Array): { recoveryId: string; runId: string } | null {
  const text = Buffer.from(userData).toString('utf8');
  if (!text.startsWith('Content-Type: multipart/mixed')) return null;
  const match = /^echo 'KEYRESCUE-USERDATA (rec-\d{8}-\d{6}-[0-9a-f]{8}) run=([0-9a-f]{12})'$/m.exec(text);
  return match ? { recoveryId: match[1] ?? '', runId: match[2] ?? '' } : null;
}
