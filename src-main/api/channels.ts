/** The only two IPC channels between preload and main (and the event channel they push on). */
export const IPC_INVOKE = 'pos:invoke';
export const IPC_EVENT = 'pos:event';
