import type { ServerResponse } from 'node:http';
import { err, type ErrorCode, type Result } from '../../../shared/api/result.ts';
import { BASE_SECURITY_HEADERS } from './security-headers.ts';

export function sendJson(res: ServerResponse, status: number, body: Result<unknown>, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** Transport-level refusals still answer with a Result, so every /api client parses one shape. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, extra: Record<string, string> = {}): void {
  sendJson(res, status, err(code, message), extra);
}

export function sendText(res: ServerResponse, status: number, text: string, headOnly = false): void {
  res.writeHead(status, {
    ...BASE_SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : text);
}
