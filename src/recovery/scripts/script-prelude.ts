// POSIX sh, run by dash, busybox ash and bash alike: no arrays, [[ ]], pipefail, local or ${...}
// (the last also keeps this a plain String.raw template). Every value comes from the KR_* variables
// assigned at the top of the script; nothing here is built from input.

/**
 * The first half of the authorized-keys script: the result line and its helpers, the target account
 * (getent, or the mounted system's etc/passwd), and the file sshd reads (`sshd -T` on a live system,
 * else sshd_config with its Includes), with `%h`, `%u`, `%U` and `%%` expanded.
 */
export const scriptPrelude = String.raw`LC_ALL=C
export LC_ALL
# Root runs this: the tools it calls come from the system, never from the caller's PATH or CDPATH.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
unset CDPATH
# The result line goes to the original stdout even from inside a redirected function.
exec 3>&1
KR_DONE=0
KR_STEP='start'
KR_FILE=''
KR_BACKUP=''
KR_LINES=0
KR_WARNINGS=''
KR_FROM=''
KR_TMP=''

# --- Result line: the one thing a caller reads (paths were checked to hold no control character).
kr_json() {
  if [ -z "$1" ]; then printf 'null'; else printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; fi
}
kr_result() {
  KR_DONE=1
  case $KR_LINES in '' | *[!0-9]*) KR_LINES=0 ;; esac
  printf >&3 'KEYRESCUE-RESULT {"v":1,"action":"%s","status":"%s","reason":%s,"detail":%s,"file":%s,"backup":%s,"lines":%s,"keysFileFrom":%s,"warnings":[%s]}\n' \
    "$KR_ACTION" "$1" "$(kr_json "$2")" "$(kr_json "$3")" "$(kr_json "$KR_FILE")" "$(kr_json "$KR_BACKUP")" \
    "$KR_LINES" "$(kr_json "$KR_FROM")" "$KR_WARNINGS"
}
kr_refuse() {
  kr_result refused "$1" "$2"
  exit 2
}
kr_warn() {
  case ",$KR_WARNINGS," in *",\"$1\","*) return 0 ;; esac
  if [ -n "$KR_WARNINGS" ]; then KR_WARNINGS="$KR_WARNINGS,"; fi
  KR_WARNINGS="$KR_WARNINGS\"$1\""
}
kr_on_exit() {
  kr_status=$?
  if [ -n "$KR_TMP" ]; then rm -f "$KR_TMP"; fi
  if [ "$KR_DONE" = 0 ]; then kr_result failed unexpected "step $KR_STEP failed (exit status $kr_status)"; fi
}
trap kr_on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A value that will be printed or used as a path must hold no control character (tr drops them).
kr_plain() {
  if [ "$(printf '%s' "$1" | tr -d '\001-\037\177')" != "$1" ]; then kr_refuse controlCharacters "$2"; fi
}
# The physical path of a folder (every symlink resolved by the kernel), or nothing.
kr_physical() {
  (cd -P "$1" 2>/dev/null && pwd -P) || true
}
# Under a root prefix, a path resolving outside it points into the host, not the mounted system.
kr_inside_root() {
  if [ -z "$KR_ROOT" ]; then return 0; fi
  case $1 in "$KR_ROOT_REAL" | "$KR_ROOT_REAL"/*) return 0 ;; esac
  kr_refuse outsideRoot "$2"
}
# A file the script only reads (passwd, sshd_config): no symlink, folder inside the root.
kr_check_read() {
  if [ -L "$1" ]; then kr_refuse symlink "$1"; fi
  kr_dir=$(kr_physical "$(dirname "$1")")
  if [ -n "$kr_dir" ]; then kr_inside_root "$kr_dir" "$1"; fi
}
kr_join() {
  if [ "$1" = / ]; then printf '/%s' "$2"; else printf '%s/%s' "$1" "$2"; fi
}
# ls -ldn: mode string, link count, numeric owner and group, whatever the platform's stat is.
kr_stat() {
  ls -ldn "$1" | awk '{ print $1, $2, $3, $4 }'
}
kr_immutable() {
  case $(lsattr -d "$1" 2>/dev/null | awk '{ print $1; exit }' || true) in
    *i*) return 0 ;;
  esac
  return 1
}

# --- The target account.
KR_STEP='user'
if [ "$(id -u)" != 0 ] && [ -z "$KR_ROOT" ]; then kr_refuse notRoot "$(id -un 2>/dev/null || id -u)"; fi
if [ -n "$KR_ROOT" ]; then
  if [ ! -d "$KR_ROOT" ]; then kr_refuse rootMissing "$KR_ROOT"; fi
  KR_ROOT_REAL=$(kr_physical "$KR_ROOT")
  kr_check_read "$KR_ROOT/etc/passwd"
  if [ ! -f "$KR_ROOT/etc/passwd" ]; then kr_refuse userNotFound "$KR_ROOT/etc/passwd"; fi
  KR_PWLINE=$(awk -F: -v u="$KR_USER" '$1 == u { print; exit }' "$KR_ROOT/etc/passwd")
elif command -v getent >/dev/null 2>&1; then
  KR_PWLINE=$(getent passwd "$KR_USER" || true)
else
  KR_PWLINE=$(awk -F: -v u="$KR_USER" '$1 == u { print; exit }' /etc/passwd)
fi
if [ -z "$KR_PWLINE" ]; then kr_refuse userNotFound "$KR_USER"; fi
kr_plain "$KR_PWLINE" 'passwd entry'
kr_ifs=$IFS
IFS=:
set -f
# shellcheck disable=SC2086
set -- $KR_PWLINE
set +f
IFS=$kr_ifs
KR_UID=$3
KR_GID=$4
KR_HOME_REL=$6
case $KR_UID$KR_GID in '' | *[!0-9]*) kr_refuse badPasswdEntry "$KR_USER" ;; esac
case $KR_HOME_REL in /*) ;; *) kr_refuse badPasswdEntry "$KR_USER" ;; esac
KR_HOME=$KR_ROOT$KR_HOME_REL
if [ "$(id -u)" != 0 ] && [ "$(id -u)" != "$KR_UID" ]; then kr_refuse notRoot "$(id -u)"; fi

# --- Where sshd looks: sshd -T on a live system, else the config (Include followed, Match skipped).
KR_STEP='sshd-config'
KR_AKF=''
if [ -z "$KR_ROOT" ]; then
  kr_sshd=$(command -v sshd 2>/dev/null || true)
  if [ -z "$kr_sshd" ] && [ -x /usr/sbin/sshd ]; then kr_sshd=/usr/sbin/sshd; fi
  if [ -n "$kr_sshd" ]; then
    KR_AKF=$("$kr_sshd" -T -C "user=$KR_USER,host=localhost,addr=127.0.0.1" 2>/dev/null |
      awk 'tolower($1) == "authorizedkeysfile" { $1 = ""; sub(/^[ \t]+/, ""); print; exit }') || KR_AKF=''
    if [ -n "$KR_AKF" ]; then KR_FROM='sshd -T'; fi
  fi
fi
kr_cfg_flatten() {
  if [ "$2" -gt 16 ]; then kr_refuse configTooDeep "$1"; fi
  if [ ! -f "$1" ]; then return 0; fi
  kr_check_read "$1"
  printf '\001KR-BEGIN\n'
  while IFS= read -r kr_line || [ -n "$kr_line" ]; do
    kr_inc=''
    case $kr_line in *[Ii][Nn][Cc][Ll][Uu][Dd][Ee]*) kr_inc=$(printf '%s\n' "$kr_line" | awk '{
      sub(/^[ \t]+/, "")
      if (match($0, /^[Ii][Nn][Cc][Ll][Uu][Dd][Ee]([ \t]*=[ \t]*|[ \t]+)/)) print substr($0, RLENGTH + 1)
    }') ;;
    esac
    if [ -z "$kr_inc" ]; then
      printf '%s\n' "$kr_line"
      continue
    fi
    # Split the patterns without globbing them here, then glob each under the root.
    set -f
    for kr_pat in $kr_inc; do
      set +f
      case $kr_pat in /*) ;; *) kr_pat=/etc/ssh/$kr_pat ;; esac
      for kr_f in "$KR_ROOT"$kr_pat; do kr_cfg_flatten "$kr_f" $(($2 + 1)); done
      set -f
    done
    set +f
  done <"$1"
  printf '\001KR-END\n'
}
if [ -z "$KR_AKF" ] && [ -f "$KR_ROOT/etc/ssh/sshd_config" ]; then
  KR_TMP=$(mktemp)
  kr_cfg_flatten "$KR_ROOT/etc/ssh/sshd_config" 1 >"$KR_TMP"
  KR_AKF=$(awk 'BEGIN { d = 0; m[0] = 0 }
    $0 == "\001KR-BEGIN" { d++; m[d] = m[d - 1]; next }
    $0 == "\001KR-END" { d--; next }
    {
      l = $0; sub(/\r$/, "", l); sub(/^[ \t]+/, "", l)
      if (l == "" || substr(l, 1, 1) == "#") next
      k = l; sub(/[ \t=].*/, "", k); r = substr(l, length(k) + 1); k = tolower(k)
      sub(/^[ \t]*=?[ \t]*/, "", r); sub(/[ \t]+$/, "", r)
      if (k == "match") { m[d] = (tolower(r) == "all") ? 0 : 1; next }
      if (k == "authorizedkeysfile" && !m[d]) { print r; exit }
    }' "$KR_TMP")
  rm -f "$KR_TMP"
  KR_TMP=''
  if [ -n "$KR_AKF" ]; then KR_FROM="$KR_ROOT/etc/ssh/sshd_config"; fi
fi
if [ -z "$KR_AKF" ]; then
  KR_AKF='.ssh/authorized_keys'
  KR_FROM='default'
fi
kr_plain "$KR_AKF" 'AuthorizedKeysFile'
# The first listed file, quotes removed; %h %u %U %% expanded as sshd does.
KR_AKF_FIRST=$(printf '%s\n' "$KR_AKF" | awk '{
  if (substr($0, 1, 1) == "\"") { v = substr($0, 2); sub(/".*/, "", v) } else { v = $1 }
  print v }')
if [ "$KR_AKF_FIRST" = none ]; then kr_refuse noAuthorizedKeysFile "$KR_FROM"; fi
KR_FILE_REL=$(KR_T=$KR_AKF_FIRST KR_H=$KR_HOME_REL KR_N=$KR_USER KR_I=$KR_UID awk 'BEGIN {
  t = ENVIRON["KR_T"]; o = ""
  while ((i = index(t, "%")) > 0) {
    o = o substr(t, 1, i - 1); c = substr(t, i + 1, 1)
    if (c == "%") o = o "%"; else if (c == "h") o = o ENVIRON["KR_H"]
    else if (c == "u") o = o ENVIRON["KR_N"]; else if (c == "U") o = o ENVIRON["KR_I"]
    else exit 1
    t = substr(t, i + 2)
  }
  print o t }') || kr_refuse unsupportedToken "$KR_AKF_FIRST"
case $KR_FILE_REL in /*) ;; *) KR_FILE_REL=$(kr_join "$KR_HOME_REL" "$KR_FILE_REL") ;; esac
KR_FILE_REL=$(printf '%s\n' "$KR_FILE_REL" | sed 's#//*#/#g')
case /$KR_FILE_REL/ in */../* | */./*) kr_refuse badPath "$KR_FILE_REL" ;; esac
KR_FILE=$KR_ROOT$KR_FILE_REL
KR_NAME=$(basename "$KR_FILE_REL")
kr_plain "$KR_FILE" 'authorized keys file'
`;
