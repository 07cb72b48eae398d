// IPC channel names shared by the main-process adapter and the preload.
export const INVOKE_CHANNEL = 'api:invoke';
export const EVENT_CHANNEL = 'api:event';
