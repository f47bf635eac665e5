// POSIX sh; see script-prelude.ts for the rules.

/**
 * The second half: walks from the home folder to the file one component at a time with `cd -P`,
 * refusing any symlink (and, under a root prefix, anything resolving outside it), creates missing
 * folders 0700 for the user, and defines the helpers the add and remove steps share: blob matching
 * (after any options), the timestamped backup, owner, mode and SELinux label.
 */
export const scriptTarget = String.raw`# --- Walk to the file's folder one component at a time; never through a symlink.
KR_STEP='folders'
if [ ! -d "$KR_HOME" ]; then kr_refuse homeMissing "$KR_HOME"; fi
KR_HOME_REAL=$(kr_physical "$KR_HOME")
kr_inside_root "$KR_HOME_REAL" "$KR_HOME"
set -- $(kr_stat "$KR_HOME")
case $1 in ?????w* | ????????w*) kr_warn homeWritable ;; esac
if [ "$3" != "$KR_UID" ] && [ "$3" != 0 ]; then kr_warn homeOwner; fi
KR_CREATED=0
KR_UNDER_HOME=0
kr_home_slash=$(kr_join "$KR_HOME_REL" '')
case $KR_FILE_REL in "$kr_home_slash"*) KR_UNDER_HOME=1 ;; esac
if [ "$KR_UNDER_HOME" = 1 ]; then
  cd -P "$KR_HOME"
  kr_here=$KR_HOME_REAL
  kr_rel=$(KR_A=$KR_FILE_REL KR_B=$kr_home_slash awk 'BEGIN { print substr(ENVIRON["KR_A"], length(ENVIRON["KR_B"]) + 1) }')
  kr_reldir=$(dirname "$kr_rel")
  if [ "$kr_reldir" = . ]; then kr_reldir=''; fi
  kr_ifs=$IFS
  IFS=/
  set -f
  for kr_c in $kr_reldir; do
    IFS=$kr_ifs
    if [ -L "./$kr_c" ]; then kr_refuse symlink "$(kr_join "$kr_here" "$kr_c")"; fi
    if [ ! -e "./$kr_c" ]; then
      if kr_immutable .; then kr_refuse immutable "$kr_here"; fi
      mkdir "./$kr_c"
      KR_CREATED=1
    fi
    if [ ! -d "./$kr_c" ]; then kr_refuse notADirectory "$(kr_join "$kr_here" "$kr_c")"; fi
    cd -P "./$kr_c"
    kr_here=$(kr_join "$kr_here" "$kr_c")
    if [ "$(pwd -P)" != "$kr_here" ]; then kr_refuse symlink "$kr_here"; fi
    chown "$KR_UID:$KR_GID" .
    chmod 700 .
    IFS=/
  done
  set +f
  IFS=$kr_ifs
else
  kr_dir=$(dirname "$KR_FILE")
  if [ ! -d "$kr_dir" ]; then kr_refuse folderMissing "$kr_dir"; fi
  kr_here=$(kr_physical "$kr_dir")
  kr_inside_root "$kr_here" "$kr_dir"
  cd -P "$kr_dir"
fi
kr_f="./$KR_NAME"
if [ -L "$kr_f" ]; then kr_refuse symlink "$KR_FILE"; fi
KR_EXISTS=0
if [ -e "$kr_f" ]; then
  if [ ! -f "$kr_f" ]; then kr_refuse notRegularFile "$KR_FILE"; fi
  set -- $(kr_stat "$kr_f")
  if [ "$2" != 1 ]; then kr_refuse hardLinked "$KR_FILE"; fi
  KR_EXISTS=1
fi

# Lines whose key data (after any options) is the key's: what "already there" and "remove" mean.
kr_matches() {
  awk -v b="$KR_KEY_BLOB" -v mode="$1" -v nl="$2" '
    function blobof(l,   i, c, q, n, f) {
      sub(/\r$/, "", l); sub(/^[ \t]+/, "", l)
      if (l == "" || substr(l, 1, 1) == "#") return ""
      n = split(l, f, /[ \t]+/)
      if (f[1] ~ /^(ssh-|ecdsa-|sk-)/ || f[1] ~ /@openssh\.com$/) return f[2]
      q = 0
      for (i = 1; i <= length(l); i++) {
        c = substr(l, i, 1)
        if (q && c == "\\") { i++; continue }
        if (c == "\"") q = !q
        else if (!q && (c == " " || c == "\t")) break
      }
      l = substr(l, i); sub(/^[ \t]+/, "", l)
      n = split(l, f, /[ \t]+/)
      return f[2]
    }
    {
      hit = (blobof($0) == b)
      if (hit) count++
      if (mode == "filter") {
        if (!hit) { if (pending) printf "%s\n", last; last = $0; pending = 1 }
        lastkept = !hit
      }
    }
    END {
      if (mode == "filter") { if (pending) { if (lastkept && !nl) printf "%s", last; else printf "%s\n", last } }
      else print count + 0
    }' "$kr_f"
}
kr_ends_without_newline() {
  [ -s "$kr_f" ] && [ "$(($(tail -c 1 "$kr_f" | wc -l)))" -eq 0 ]
}
kr_backup() {
  KR_STEP='backup'
  kr_b="$KR_NAME.keyrescue-$(date -u +%Y%m%dT%H%M%SZ)"
  if [ -e "./$kr_b" ] || [ -L "./$kr_b" ]; then kr_b="$kr_b-$$"; fi
  if [ -e "./$kr_b" ] || [ -L "./$kr_b" ]; then kr_refuse backupExists "$(kr_join "$kr_here" "$kr_b")"; fi
  cp -p "$kr_f" "./$kr_b"
  KR_BACKUP=$(kr_join "$(dirname "$KR_FILE")" "$kr_b")
}
kr_finish() {
  KR_STEP='owner'
  if [ "$KR_UNDER_HOME" = 1 ] || [ "$KR_EXISTS" = 0 ]; then
    chown "$KR_UID:$KR_GID" "$kr_f"
    chmod 600 "$kr_f"
  fi
  KR_STEP='selinux'
  if [ -z "$KR_ROOT" ]; then
    if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled 2>/dev/null; then
      if [ "$KR_UNDER_HOME" = 1 ]; then kr_label=$(pwd -P); else kr_label=$KR_FILE; fi
      restorecon -R "$kr_label" 2>/dev/null || kr_warn restoreconFailed
    fi
  elif [ "$KR_CREATED$KR_EXISTS" != 01 ] && [ -f "$KR_ROOT/etc/selinux/config" ] &&
    grep -Eq '^[ \t]*SELINUX=(enforcing|permissive)' "$KR_ROOT/etc/selinux/config"; then
    kr_warn selinuxRelabelNeeded
  fi
}
`;
