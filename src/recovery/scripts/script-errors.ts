/** Every error code the remote-script generator and its result parser throw (in src/app/error-codes.ts). */
export const remoteScriptErrorCodes = {
  badValue: 'remoteScript.badValue',
  badUserName: 'remoteScript.badUserName',
  badPublicKey: 'remoteScript.badPublicKey',
  badRootPrefix: 'remoteScript.badRootPrefix',
  noResult: 'remoteScript.noResult',
  badResult: 'remoteScript.badResult',
} as const;

export type RemoteScriptErrorCode = (typeof remoteScriptErrorCodes)[keyof typeof remoteScriptErrorCodes];
