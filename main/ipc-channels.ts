/**
 * The Electron IPC channels the app uses. Every request travels over `invoke` (the contract
 * channel name is an argument), every main → renderer push over `event`, so the preload and the
 * bridge each guard exactly one place. `droppedFile` is the preload's own: it tells main the real
 * path of a file the user dropped, which the page's code cannot send.
 */
export const invokeChannel = 'keyrescue:invoke';
export const eventChannel = 'keyrescue:event';
export const droppedFileChannel = 'keyrescue:dropped-file';
