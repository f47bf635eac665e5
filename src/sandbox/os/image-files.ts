/**
 * Distribution-specific file contents for the sandbox OS images (accounts, sshd, sudoers,
 * os-release, cloud-init config). Kept close to what the real cloud images ship.
 */

/** Text of /etc/ssh/sshd_config shared by the Linux images (defaults left commented, as shipped). */
export const SSHD_CONFIG = `#	$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $

# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

Include /etc/ssh/sshd_config.d/*.conf

#Port 22
#AddressFamily any
#ListenAddress 0.0.0.0

#HostKey /etc/ssh/ssh_host_rsa_key
#HostKey /etc/ssh/ssh_host_ecdsa_key
#HostKey /etc/ssh/ssh_host_ed25519_key

# Authentication:
#LoginGraceTime 2m
#PermitRootLogin prohibit-password
#StrictModes yes
#MaxAuthTries 6
#MaxSessions 10

#PubkeyAuthentication yes

# The default is to check both .ssh/authorized_keys and .ssh/authorized_keys2
# but this is overridden so installations will only check .ssh/authorized_keys
AuthorizedKeysFile	.ssh/authorized_keys

#AuthorizedKeysCommand none
#AuthorizedKeysCommandUser nobody

# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication no
#PermitEmptyPasswords no

KbdInteractiveAuthentication no
UsePAM yes

X11Forwarding yes
PrintMotd no

# Allow client to pass locale environment variables
AcceptEnv LANG LC_*

# override default of no subsystems
Subsystem	sftp	/usr/libexec/openssh/sftp-server
`;

/** sshd drop-in written by the ec2-instance-connect package. */
export function eicSshdDropIn(script: string): string {
  return `AuthorizedKeysCommand ${script} %u %f\nAuthorizedKeysCommandUser ec2-instance-connect\n`;
}

/** A small /etc/bashrc-like profile so interactive shells look familiar. */
export const SKEL_BASHRC = `# .bashrc

# Source global definitions
if [ -f /etc/bashrc ]; then
	. /etc/bashrc
fi
`;

export const SKEL_PROFILE = `# ~/.bash_profile
if [ -f ~/.bashrc ]; then
	. ~/.bashrc
fi
`;

export const AL2023_OS_RELEASE = `NAME="Amazon Linux"
VERSION="2023"
ID="amzn"
ID_LIKE="fedora"
VERSION_ID="2023"
PLATFORM_ID="platform:al2023"
PRETTY_NAME="Amazon Linux 2023.6.20241121"
ANSI_COLOR="0;33"
CPE_NAME="cpe:2.3:o:amazon:amazon_linux:2023"
HOME_URL="https://aws.amazon.com/linux/amazon-linux-2023/"
DOCUMENTATION_URL="https://docs.aws.amazon.com/linux/"
SUPPORT_URL="https://aws.amazon.com/premiumsupport/"
BUG_REPORT_URL="https://github.com/amazonlinux/amazon-linux-2023"
VENDOR_NAME="AWS"
VENDOR_URL="https://aws.amazon.com/"
SUPPORT_END="2029-06-30"
`;

export const UBUNTU_OS_RELEASE = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

export const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

export const AL2023_PASSWD = `root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin
sshd:x:74:74:Privilege-separated SSH:/usr/share/empty.sshd:/sbin/nologin
ec2-instance-connect:x:995:994::/home/ec2-instance-connect:/sbin/nologin
ec2-user:x:1000:1000:EC2 Default User:/home/ec2-user:/bin/bash
`;

export const AL2023_GROUP = `root:x:0:
bin:x:1:
daemon:x:2:
sys:x:3:
adm:x:4:ec2-user
disk:x:6:
wheel:x:10:ec2-user
systemd-journal:x:190:ec2-user
sshd:x:74:
ec2-instance-connect:x:994:
nobody:x:65534:
ec2-user:x:1000:
`;

export const UBUNTU_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
syslog:x:102:102::/nonexistent:/usr/sbin/nologin
sshd:x:105:65534::/run/sshd:/usr/sbin/nologin
ec2-instance-connect:x:106:65534::/nonexistent:/usr/sbin/nologin
ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash
`;

export const UBUNTU_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:syslog,ubuntu
tty:x:5:
disk:x:6:
cdrom:x:24:ubuntu
sudo:x:27:ubuntu
dip:x:30:ubuntu
users:x:100:
syslog:x:102:
lxd:x:101:ubuntu
nogroup:x:65534:
ubuntu:x:1000:
`;

export const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
sshd:x:100:65534::/run/sshd:/usr/sbin/nologin
admin:x:1000:1000:Debian:/home/admin:/bin/bash
`;

export const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:admin
tty:x:5:
disk:x:6:
dialout:x:20:admin
cdrom:x:24:admin
sudo:x:27:admin
audio:x:29:admin
dip:x:30:admin
video:x:44:admin
plugdev:x:46:admin
netdev:x:102:admin
nogroup:x:65534:
admin:x:1000:
`;

/** /etc/sudoers: AL2023 grants %wheel, Debian-family %sudo; both include /etc/sudoers.d. */
export function sudoers(adminGroup: 'wheel' | 'sudo'): string {
  return `Defaults   !visiblepw
Defaults    env_reset
Defaults    secure_path = /sbin:/bin:/usr/sbin:/usr/bin

root	ALL=(ALL:ALL) ALL
%${adminGroup}	ALL=(ALL:ALL) ALL

@includedir /etc/sudoers.d
`;
}

/** What cloud-init writes for the default user (NOPASSWD, as on every cloud image). */
export function cloudInitSudoers(user: string): string {
  return `\n# User rules for ${user}\n${user} ALL=(ALL) NOPASSWD:ALL\n\n`;
}

/** /etc/cloud/cloud.cfg (only the keys the sandbox's cloud-init reads). */
export function cloudCfg(user: string, gecos: string, groups: string): string {
  return `# The top level settings are used as module
# and base configuration.
users:
  - default

disable_root: true
ssh_pwauth: false

cloud_init_modules:
  - bootcmd
  - write_files
  - users_groups
  - ssh

cloud_config_modules:
  - runcmd

cloud_final_modules:
  - scripts_per_once
  - scripts_per_boot
  - scripts_per_instance
  - scripts_user
  - ssh_authkey_fingerprints
  - keys_to_console
  - final_message

system_info:
  default_user:
    name: ${user}
    lock_passwd: True
    gecos: ${gecos}
    groups: [${groups}]
    sudo: ["ALL=(ALL) NOPASSWD:ALL"]
    shell: /bin/bash
`;
}
