// IPC channel names shared by the main-process adapter and the preload.
export const INVOKE_CHANNEL = 'api:invoke';
export const EVENT_CHANNEL = 'api:event';
/** A prepared ledger export: main asks where to save it and streams the rows into the file. */
export const DOWNLOAD_CHANNEL = 'api:download';
