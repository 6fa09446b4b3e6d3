// What Node's HTTP parser refuses before a request exists (an unknown method, a request line or headers over
// maxHeaderSize, malformed framing) it answers by default with a bare status line and no body. Clients of the
// emulator expect Stripe's JSON error shape for every answer, so these get it too, where the socket can still
// take an answer; a client that went away mid-request is just let go.
import type { Duplex } from 'node:stream';
import { requestId, stripeErrorBody } from './http.js';

/** Most bytes of request line plus headers the server parses; a longer URL or header block gets 414 or 431. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** The core's own limit (it answers 414 past it); a request line longer than this is a long URL. */
const MAX_URL_CHARS = 16_384;

interface ParserError extends Error {
  code?: string;
  /** What the parser had read when it failed (Node sets it on HPE_* errors). */
  rawPacket?: Buffer;
}

interface Refusal {
  status: number;
  reason: string;
  message: string;
  code?: string;
}

/** The JSON answer for one parser error, or null when there is nobody to answer (the client closed or reset). */
export function refusalFor(error: ParserError): Refusal | null {
  const line = requestLine(error.rawPacket);
  switch (error.code) {
    case 'ECONNRESET':
    case 'HPE_INVALID_EOF_STATE':
      return null;
    case 'HPE_INVALID_METHOD': {
      const [method = '', path = ''] = line?.split(' ') ?? [];
      return { status: 404, reason: 'Not Found', message: `Unrecognized request URL (${printable(method, 20)}: ${printable(path, 500)}).` };
    }
    case 'HPE_HEADER_OVERFLOW':
      // `rawPacket` is only the chunk being parsed: a long URL shows as a request line that doesn't end (or ends
      // past the core's limit) when it is the first chunk; anything else can't be told apart from long headers.
      return longRequestLine(error.rawPacket, line)
        ? { status: 414, reason: 'URI Too Long', message: `Request URL too long: the request line is over ${MAX_HEADER_BYTES} bytes.`, code: 'url_too_long' }
        : { status: 431, reason: 'Request Header Fields Too Large', message: `Request line and headers too large: together they may be at most ${MAX_HEADER_BYTES} bytes.` };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', message: 'The request was not received in time.' };
    default:
      return { status: 400, reason: 'Bad Request', message: `Malformed HTTP request (${printable(error.code ?? 'parse error', 40)}): ${printable(error.message, 200)}.` };
  }
}

/** `server.on('clientError', answerClientError)`: a Stripe-shaped JSON answer instead of Node's bare one. */
export function answerClientError(error: ParserError, socket: Duplex): void {
  const refusal = refusalFor(error);
  if (!refusal || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = stripeErrorBody('invalid_request_error', refusal.message, refusal.code ? { code: refusal.code } : {});
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\n` +
      'content-type: application/json\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      `request-id: ${requestId()}\r\n` +
      'access-control-allow-origin: *\r\n' +
      'connection: close\r\n\r\n' +
      body,
  );
}

function longRequestLine(raw: Buffer | undefined, line: string | undefined): boolean {
  if (line !== undefined) return line.length > MAX_URL_CHARS;
  return raw !== undefined && /^[A-Z]+ \/[^\r\n]*$/.test(raw.subarray(0, 64).toString('latin1'));
}

/** The request line the parser saw, if it saw a whole one. */
function requestLine(raw: Buffer | undefined): string | undefined {
  if (!raw) return undefined;
  const end = raw.indexOf('\r\n');
  return end === -1 ? undefined : raw.subarray(0, end).toString('latin1');
}

/** Echoed input, shortened and with control characters dropped (it ends up in a JSON message, maybe a log). */
function printable(text: string, max: number): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}
