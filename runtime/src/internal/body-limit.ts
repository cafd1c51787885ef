/**
 * Reading a response body within its size limit: a success body up to the client's
 * `maxResponseBytes` (over it: `ResponseTooLarge`, and the connection is dropped), an error body
 * up to MAX_ERROR_BODY_BYTES (the rest is dropped with the connection).
 */
import type { Dispatcher } from 'undici';
import { type ErrorContext, ResponseTooLarge } from '../errors.js';

/** Error bodies are read up to this size; the rest is dropped with the connection (an error's text is for people and logs). */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Stop reading a body and drop its connection (the abort it raises has nobody else to reach). */
export function drop(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** The body of `res` as text, within the limits. `who` names the call in the error. */
export async function readBody(
  res: Dispatcher.ResponseData,
  headers: Record<string, string>,
  maxResponseBytes: number,
  context: ErrorContext,
  who: string,
): Promise<string> {
  const isError = res.statusCode >= 400;
  const limit = isError ? Math.min(MAX_ERROR_BODY_BYTES, maxResponseBytes) : maxResponseBytes;
  const declared = Number(headers['content-length']);
  if (!isError && declared > limit) {
    drop(res.body);
    throw tooLarge(context, who, maxResponseBytes, `declares ${declared} bytes`);
  }
  // A declared length within the limit: undici's parser stops at it, so the plain read is bounded.
  if (declared <= limit) return res.body.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      if (!isError) {
        drop(res.body);
        throw tooLarge(context, who, maxResponseBytes, `exceeds ${limit} bytes`);
      }
      chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
      drop(res.body);
      return `${Buffer.concat(chunks).toString('utf8')}…`;
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
}

function tooLarge(context: ErrorContext, who: string, limit: number, what: string): ResponseTooLarge {
  return new ResponseTooLarge(
    `${who}: the response ${what}, over the client's maxResponseBytes (${limit}); the connection was dropped. ` +
      'Ask for less (filters, paging) or raise maxResponseBytes in the client options.',
    { ...context, limit },
  );
}
