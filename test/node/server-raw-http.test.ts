// The emulator's HTTP server where Node's parser would answer on its own (issue #9): requests written byte by byte
// over a raw socket, as a broken client or a fuzzer sends them. Every answer the server can still give is
// Stripe-shaped JSON; a client that leaves mid-body costs nothing and logs nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startEmulator, type RunningEmulator } from '../../src/testing/server/index.js';

let server: RunningEmulator;
let logged = '';
const realWrite = process.stderr.write.bind(process.stderr);

before(async () => {
  // Not quiet: what the server logs (a request that "failed") is part of what these tests check.
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (String(chunk).includes('[stripe emulator]')) {
      logged += String(chunk);
      return true;
    }
    return (realWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  server = await startEmulator({ port: 0 });
});
after(async () => {
  await server.close();
  process.stderr.write = realWrite;
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` as is and reads the answer until the server closes or its Content-Length is in. */
function raw(request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const parse = (): RawAnswer | undefined => {
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = received.subarray(end + 4);
      if (headers['content-length'] !== undefined && body.length < Number(headers['content-length'])) return undefined;
      return { status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8') };
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse();
      if (answer && answer.headers['content-length'] !== undefined) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const answer = parse();
      if (answer) resolve(answer);
      else reject(new Error(`no complete answer; got ${JSON.stringify(received.toString('latin1').slice(0, 300))}`));
    });
    socket.write(request);
  });
}

function stripeError(answer: RawAnswer): { type: string; message: string; code?: string } {
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/, `a JSON answer, got ${JSON.stringify(answer)}`);
  const parsed = JSON.parse(answer.body) as { error: { type: string; message: string; code?: string } };
  assert.equal(parsed.error.type, 'invalid_request_error');
  return parsed.error;
}

const auth = () => `Authorization: Bearer ${server.secretKey}\r\n`;

test('an unknown method is a JSON 404 naming it, like any unrecognized request', async () => {
  const answer = await raw(`FOO /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}\r\n`);
  assert.equal(answer.status, 404);
  assert.equal(stripeError(answer).message, 'Unrecognized request URL (FOO: /v1/customers).');
  assert.match(answer.headers['request-id'] ?? '', /^req_/);
  // A method Node knows but the API doesn't take reaches the core and is answered the same way.
  const put = await raw(`PUT /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}Content-Length: 0\r\n\r\n`);
  assert.equal(put.status, 404);
  assert.match(stripeError(put).message, /^Unrecognized request URL \(PUT: \/v1\/customers\)/);
});

test('a URL over 16 KB reaches the core and gets its JSON 414', async () => {
  for (const size of [20_000, 60_000]) {
    const long = await raw(`GET /v1/customers?email=${'a'.repeat(size)} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}\r\n`);
    assert.equal(long.status, 414, `${size}: ${long.body.slice(0, 200)}`);
    assert.equal(stripeError(long).code, 'url_too_long');
    assert.match(stripeError(long).message, new RegExp(`^Request URL too long: ${size + 20} characters`));
  }
});

test('a request line and headers past the parser\'s 64 KB are a JSON 414 or 431, not a bare status line', async () => {
  const huge = await raw(`GET /v1/customers?email=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}\r\n`);
  assert.ok([414, 431].includes(huge.status), String(huge.status));
  assert.match(stripeError(huge).message, /^Request (URL|line and headers) too large|^Request URL too long/);
  const headers = await raw(`GET /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}X-Padding: ${'p'.repeat(70_000)}\r\n\r\n`);
  assert.equal(headers.status, 431);
  assert.equal(stripeError(headers).message, 'Request line and headers too large: together they may be at most 65536 bytes.');
});

test('an HTTP/1.1 request without Host is a JSON 400 naming the header; HTTP/1.0 needs none', async () => {
  const answer = await raw(`GET /v1/customers HTTP/1.1\r\n${auth()}\r\n`);
  assert.equal(answer.status, 400);
  assert.match(stripeError(answer).message, /^Missing Host header/);
  const old = await raw(`GET /v1/customers HTTP/1.0\r\n${auth()}\r\n`);
  assert.equal(old.status, 200, old.body);
  assert.equal((JSON.parse(old.body) as { object: string }).object, 'list');
});

test('malformed framing is a JSON 400', async () => {
  const answer = await raw(`POST /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}Content-Length: 12\r\nContent-Length: 13\r\n\r\nemail=a%40b.c`);
  assert.equal(answer.status, 400);
  assert.match(stripeError(answer).message, /^Malformed HTTP request/);
});

test('a body abandoned mid-upload is dropped quietly: no hang, no error logged, nothing created, the server answers on', { timeout: 10_000 }, async () => {
  logged = '';
  const before = (await raw(`GET /v1/customers?limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}\r\n`)).body;
  for (const end of ['destroy', 'end'] as const) {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(`POST /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=gone%40`);
        setTimeout(() => (end === 'destroy' ? socket.destroy() : socket.end()), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(logged, '', 'nothing logged for a client that left');
  const after = await raw(`GET /v1/customers?limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth()}\r\n`);
  assert.equal(after.status, 200);
  assert.equal((JSON.parse(after.body) as { data: unknown[] }).data.length, (JSON.parse(before) as { data: unknown[] }).data.length, 'nothing created');
});
