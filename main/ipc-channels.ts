/**
 * The only two Electron IPC channels the app uses. Every request travels over `invoke` (the contract
 * channel name is an argument), every main → renderer push over `event`, so the preload and the
 * bridge each guard exactly one place.
 */
export const invokeChannel = 'keyrescue:invoke';
export const eventChannel = 'keyrescue:event';
