// The client the stores call, installed once at startup (main.tsx) or by a test.
import type { ApiClient } from './client.ts';

let current: ApiClient | null = null;

export function setApi(client: ApiClient | null): void {
  current = client;
}

export function api(): ApiClient {
  if (!current) throw new Error('API client not installed: call setApi() first');
  return current;
}
