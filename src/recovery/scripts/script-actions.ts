// POSIX sh; see script-prelude.ts for the rules.

/**
 * Add: append the key unless a line already carries its key data, after a backup.
 */
export const addKeySteps = String.raw`# --- Add: append the key unless a line already carries its key data.
KR_STEP='check'
if [ "$KR_EXISTS" = 1 ]; then
  KR_LINES=$(kr_matches count 1)
  if [ "$KR_LINES" -gt 0 ]; then
    kr_result alreadyPresent '' ''
    exit 0
  fi
  if kr_immutable "$kr_f"; then kr_refuse immutable "$KR_FILE"; fi
  kr_backup
elif kr_immutable .; then
  kr_refuse immutable "$(pwd -P)"
fi
KR_STEP='append'
# Appending (never rewriting) keeps the file's inode, owner and SELinux label; a missing final
# line break is added first, or the key would be glued to the last line and both would break.
if [ "$KR_EXISTS" = 1 ] && kr_ends_without_newline; then
  printf '\n%s\n' "$KR_KEY_LINE" >>"$kr_f"
else
  printf '%s\n' "$KR_KEY_LINE" >>"$kr_f"
fi
KR_LINES=$(kr_matches count 1)
if [ "$KR_LINES" != 1 ]; then kr_result failed verify "the key is in the file $KR_LINES times after appending"; exit 1; fi
kr_finish
kr_result added '' ''
exit 0
`;

/**
 * Remove: only the lines carrying the key data go, after a backup.
 */
export const removeKeySteps = String.raw`# --- Remove: drop only the lines carrying the key data; every other line stays byte for byte.
KR_STEP='check'
if [ "$KR_EXISTS" = 0 ]; then
  kr_result notPresent '' ''
  exit 0
fi
KR_LINES=$(kr_matches count 1)
if [ "$KR_LINES" = 0 ]; then
  kr_result notPresent '' ''
  exit 0
fi
if kr_immutable "$kr_f"; then kr_refuse immutable "$KR_FILE"; fi
kr_backup
KR_STEP='remove'
kr_nl=1
if kr_ends_without_newline; then kr_nl=0; fi
KR_TMP="./.$KR_NAME.keyrescue-new.$$"
(
  set -C
  kr_matches filter "$kr_nl" >"$KR_TMP"
)
# Written in place, not renamed over: the file keeps its inode, owner, mode and SELinux label.
cat "$KR_TMP" >"$kr_f"
rm -f "$KR_TMP"
KR_TMP=''
if [ "$(kr_matches count 1)" != 0 ]; then kr_result failed verify 'the key is still in the file after removing it'; exit 1; fi
kr_finish
kr_result removed '' ''
exit 0
`;
