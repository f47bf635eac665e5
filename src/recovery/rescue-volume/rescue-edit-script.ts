import { addKeyScript } from '../scripts/authorized-key-script';
import { shellAssignment } from '../scripts/shell-quote';

/**
 * The script the rescue instance runs (research §5.7–8): find the attached volume's disk (NVMe
 * serial `vol…` on Nitro, the attach letter as xvdX/sdX on Xen), refuse a disk mounted anywhere
 * but its own mount point (the rescue's own root never qualifies), find the partition holding a
 * Linux root (etc/os-release and etc/passwd; never assume p1), mount it (`-o nouuid` for XFS: a
 * clone shares the rescue's UUID; never regenerate it), run the shared authorized-keys script
 * with the mount point as its root prefix, sync and unmount. It prints the inner script's one
 * KEYRESCUE-RESULT line; when it cannot get that far, a `refused` line with reason `rootMissing`
 * whose detail starts `rescue:<what>` (rescueProblemOf reads it). POSIX sh, run as root.
 */

export interface RescueEditScriptInput {
  volumeId: string;
  /** The device name AttachVolume used on the rescue (`/dev/sdf`): the Xen kernel name's letter. */
  attachedAs: string;
  targetUser: string;
  publicKey: string;
}

/** Never appears in the generated inner script (checked), so the here-document ends where it should. */
const innerEnd = 'KEYRESCUE_INNER_SCRIPT_END';

export const rescueProblems = [
  'deviceNotFound',
  'diskInUse',
  'rootPartitionNotFound',
  'lvmUnsupported',
  'mountFailed',
  'unmountFailed',
  'probe',
] as const;
export type RescueProblem = (typeof rescueProblems)[number];

/** Where the volume is mounted on the rescue instance: one fixed folder per volume. */
export function rescueMountPoint(volumeId: string): string {
  return `/mnt/keyrescue-${volumeId.replace(/[^a-z0-9-]/g, '')}`;
}

/** The `rescue:<what> <detail>` a rescue-script refusal carries, or null for the inner script's own. */
export function rescueProblemOf(detail: string | null): { problem: RescueProblem; detail: string } | null {
  const match = /^rescue:([A-Za-z]+) ?(.*)$/.exec(detail ?? '');
  const problem = rescueProblems.find((candidate) => candidate === match?.[1]);
  return problem ? { problem, detail: match?.[2] ?? '' } : null;
}

const body = String.raw`LC_ALL=C
export LC_ALL
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
cd /
# Only device paths and fixed words go into the detail: nothing that needs JSON escaping.
kr_rescue_stop() {
  printf 'KEYRESCUE-RESULT {"v":1,"action":"add","status":"%s","reason":"%s","detail":"rescue:%s %s","file":null,"backup":null,"lines":0,"keysFileFrom":null,"warnings":[]}\n' "$1" "$2" "$3" "$4"
  if [ -n "$kr_tmp" ]; then rm -rf "$kr_tmp"; fi
  exit 2
}
kr_tmp=''
# --- The disk: by the NVMe serial (Nitro), else by the letter it was attached as (Xen).
kr_disk=''
kr_link="/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_$KR_SERIAL"
if [ -e "$kr_link" ]; then kr_disk=$(readlink -f "$kr_link"); fi
if [ -z "$kr_disk" ]; then
  kr_disk=$(lsblk -dnpo NAME,SERIAL 2>/dev/null | awk -v s="$KR_SERIAL" '$2 == s { print $1; exit }')
fi
if [ -z "$kr_disk" ]; then
  for kr_c in "/dev/xvd$KR_LETTER" "/dev/sd$KR_LETTER"; do
    if [ -e "$kr_c" ]; then kr_disk=$kr_c; break; fi
  done
fi
if [ -z "$kr_disk" ]; then kr_rescue_stop refused rootMissing deviceNotFound "$KR_SERIAL"; fi
# --- Mounted anywhere but our own mount point (a crashed earlier run's mount is ours): hands off.
kr_ours=''
for kr_node in $(lsblk -lnpo NAME "$kr_disk"); do
  for kr_at in $(mount | awk -v d="$kr_node" '$1 == d { print $3 }'); do
    if [ "$kr_at" = "$KR_MNT" ]; then kr_ours=$kr_node; else kr_rescue_stop refused rootMissing diskInUse "$kr_node"; fi
  done
done
# --- The partition holding a Linux root.
kr_try() {
  kr_opts=''
  if [ "$2" = xfs ]; then kr_opts='-o nouuid'; fi
  if ! mount $kr_opts "$1" "$KR_MNT" 2>/dev/null; then kr_unmountable="$kr_unmountable $1"; return 1; fi
  if [ -f "$KR_MNT/etc/passwd" ] && { [ -e "$KR_MNT/etc/os-release" ] || [ -L "$KR_MNT/etc/os-release" ]; }; then return 0; fi
  umount "$KR_MNT"
  return 1
}
mkdir -p "$KR_MNT"
kr_seen=''
kr_unmountable=''
if [ -z "$kr_ours" ]; then
  # "node fstype" pairs (a node without a file system prints one field and is left out).
  set -- $(lsblk -lnpo NAME,FSTYPE "$kr_disk" | awk 'NF == 2 { print $1, $2 }')
  while [ "$#" -ge 2 ]; do
    kr_node=$1
    kr_fs=$2
    shift 2
    kr_seen="$kr_seen $kr_node:$kr_fs"
    case $kr_fs in
      LVM2_member) kr_rescue_stop refused rootMissing lvmUnsupported "$kr_node" ;;
      xfs | ext4 | ext3 | ext2 | btrfs) if kr_try "$kr_node" "$kr_fs"; then kr_ours=$kr_node; break; fi ;;
    esac
  done
fi
if [ -z "$kr_ours" ]; then
  rmdir "$KR_MNT" 2>/dev/null || true
  if [ -n "$kr_unmountable" ]; then kr_rescue_stop refused rootMissing mountFailed "$kr_unmountable"; fi
  if [ -z "$kr_seen" ]; then kr_rescue_stop refused rootMissing rootPartitionNotFound "no file system on $kr_disk"; fi
  kr_rescue_stop refused rootMissing rootPartitionNotFound "$kr_seen"
fi
# --- The shared script, as a file of its own (it sets its own traps and exits).
kr_tmp=$(mktemp -d)
cat >"$kr_tmp/authorize.sh" <<'KEYRESCUE_INNER_SCRIPT_END'
`;

const tail = String.raw`KEYRESCUE_INNER_SCRIPT_END
sh "$kr_tmp/authorize.sh" >"$kr_tmp/out" 2>"$kr_tmp/err"
sync
if ! umount "$KR_MNT" 2>>"$kr_tmp/err"; then
  kr_rescue_stop failed unexpected unmountFailed "$KR_MNT"
fi
rmdir "$KR_MNT" 2>/dev/null || true
cat "$kr_tmp/err" >&2
cat "$kr_tmp/out"
rm -rf "$kr_tmp"
`;

export function rescueEditScript(input: RescueEditScriptInput): string {
  const inner = addKeyScript({
    targetUser: input.targetUser,
    publicKey: input.publicKey,
    rootPrefix: rescueMountPoint(input.volumeId),
  });
  if (inner.includes(innerEnd))
    throw new Error('The authorized-keys script holds the here-document end marker.');
  const letter = /^\/dev\/(?:sd|xvd)([a-z])/.exec(input.attachedAs)?.[1] ?? 'f';
  return [
    '#!/bin/sh',
    "# KeyRescue: adds a public key to a user's authorized_keys on a root volume attached to this rescue instance.",
    '# Run as root with sh. Only public keys are in this script.',
    'set -u',
    shellAssignment('KR_SERIAL', input.volumeId.replace('-', ''), 'the NVMe serial'),
    shellAssignment('KR_LETTER', letter, 'the attach letter'),
    shellAssignment('KR_MNT', rescueMountPoint(input.volumeId), 'the mount point'),
    body + inner.replace(/\n?$/, '\n') + tail,
  ].join('\n');
}

/**
 * The probe the path runs on the rescue instance before anything changes: it proves the runner
 * reaches the instance and runs as root there (SSM online, the login and its sudo work), so an
 * unreachable rescue stops the recovery before the target is stopped. It touches no disk and
 * prints a `refused` line whose detail is `rescue:probe <uid>` (the path accepts only uid 0).
 */
export function rescueProbeScript(): string {
  return [
    '#!/bin/sh',
    '# KeyRescue: checks that this rescue instance runs scripts as root; changes nothing.',
    'set -u',
    `printf 'KEYRESCUE-RESULT {"v":1,"action":"add","status":"refused","reason":"rootMissing","detail":"rescue:probe %s","file":null,"backup":null,"lines":0,"keysFileFrom":null,"warnings":[]}\\n' "$(id -u)"`,
    '',
  ].join('\n');
}
