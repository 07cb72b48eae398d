// What a transport (Electron IPC, browser-mode HTTP server, CLI, tests) gets from the
// composition root. Transports only ever call `dispatch` and listen to `events`.
import type { AppInfo, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.ts';
import type { Result } from '../../shared/api/result.ts';
import type { Dispatch } from './dispatch.ts';
import type { EventBus } from './events.ts';
import type { DownloadSource } from './ledger-downloads.ts';

export interface Backend {
  dispatch: Dispatch;
  /** `dispatch` with the contract's types. */
  call: TypedCall;
  events: EventBus;
  /** Prepared ledger exports, streamed by the transports' download routes. */
  downloads: DownloadSource;
  info: AppInfo;
  /** Cancels running queries, waits for their ledger rows, closes the database. */
  close(): Promise<void>;
}

/** Secret storage: Electron safeStorage on desktop, a 0600 file in browser mode. */
export interface SecretStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  names(): string[];
}

/** `dispatch` with the contract's types, for the CLI and tests. */
export type TypedCall = <K extends MethodName>(method: K, input: MethodInput<K>) => Promise<Result<MethodOutput<K>>>;

export function typedCall(dispatch: Dispatch): TypedCall {
  // The dispatcher validated `input` against K's schema and ran K's handler.
  return (method, input) => dispatch(method, input) as Promise<Result<MethodOutput<typeof method>>>;
}
