// POST /api/<method>: one JSON body in, one Result out. Every Result, including a failed
// one, is a 200: HTTP status codes are kept for transport-level refusals (auth, size, JSON).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRACE_IMPORT_MAX_CHARS } from '../../../shared/core/replay/library.ts';
import type { Dispatch } from '../dispatch.ts';
import { toErrorResult } from '../dispatch.ts';
import { sendError, sendJson } from './http-util.ts';

/**
 * The largest request body. It must pass the biggest trace the app imports (replay.import sends
 * the file as one JSON string), escaped: a quote, backslash or newline takes two bytes there, so a
 * code-heavy trace under the import limit would otherwise get a bare 413 instead of the import's
 * own "too big" message.
 */
export const DEFAULT_MAX_BODY_BYTES = 2 * TRACE_IMPORT_MAX_CHARS + 1024 * 1024;

type Body = { kind: 'ok'; text: string } | { kind: 'too_large' } | { kind: 'aborted' };

function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (body: Body) => {
      if (settled) return;
      settled = true;
      resolve(body);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}

export async function handleApiCall(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  dispatch: Dispatch,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'invalid_input', `Use POST for /api/${method}.`, { Allow: 'POST' });
    return;
  }
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/json\s*(;|$)/i.test(type)) {
    sendError(res, 415, 'invalid_input', 'Send the input as application/json.');
    req.resume();
    return;
  }
  const body = await readBody(req, maxBodyBytes);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too_large') {
    // Answer at once and close the connection after it; resume() only lets the socket
    // drain until then so the client gets to read the 413 instead of a reset.
    sendError(res, 413, 'invalid_input', `The request body is larger than ${maxBodyBytes} bytes.`, { Connection: 'close' });
    req.resume();
    return;
  }
  let input: unknown;
  if (body.text.trim() === '') {
    input = undefined;
  } else {
    try {
      input = JSON.parse(body.text);
    } catch {
      sendError(res, 400, 'invalid_input', 'The request body is not valid JSON.');
      return;
    }
  }
  let result;
  try {
    result = await dispatch(method, input);
  } catch (e) {
    // dispatch never throws by contract; a transport must still not hang or leak a stack.
    result = toErrorResult(method, e);
  }
  if (res.destroyed) return;
  sendJson(res, 200, result);
}
