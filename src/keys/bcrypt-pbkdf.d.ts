// bcrypt-pbkdf ships no types; this is the one function OpenSSH key decryption needs.
declare module 'bcrypt-pbkdf' {
  /** Writes `keylen` derived bytes into `key`; returns 0 on success, -1 on bad arguments. */
  export function pbkdf(
    pass: Uint8Array,
    passlen: number,
    salt: Uint8Array,
    saltlen: number,
    key: Uint8Array,
    keylen: number,
    rounds: number,
  ): number;
  const bcryptPbkdf: { pbkdf: typeof pbkdf };
  export default bcryptPbkdf;
}
