import { answer } from './receiver.js';
class TooLarge extends Error {
}
function tooLarge(limit) {
    return answer(413, { error: `the body is larger than the limit of ${limit} bytes (maxBodyBytes)` });
}
function readStream(req, limit) {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) {
            req.resume();
            reject(new TooLarge());
            return;
        }
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size > limit) {
                req.removeAllListeners('data');
                req.resume();
                reject(new TooLarge());
                return;
            }
            chunks.push(c);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
async function answerFor(receiver, method, headers, read) {
    if (method !== 'POST')
        return { ...answer(405, { error: `method ${method} not allowed: CloudEvents are POSTed` }), headers: { allow: 'POST', 'content-type': 'application/json; charset=utf-8' } };
    let body;
    try {
        body = await read();
    }
    catch (e) {
        if (e instanceof TooLarge) {
            receiver.hooks.onRejected?.({ status: 413, message: 'body over maxBodyBytes' });
            return tooLarge(receiver.maxBodyBytes);
        }
        return answer(400, { error: `could not read the request body: ${e.message}` });
    }
    return receiver.receive({ headers, body });
}
function send(res, a) {
    if (res.headersSent)
        return;
    res.writeHead(a.status, { ...a.headers, 'content-length': Buffer.byteLength(a.body) });
    res.end(a.body);
}
/** `http.createServer(nodeHandler(receiver))`. */
export function nodeHandler(receiver) {
    return (req, res) => {
        answerFor(receiver, req.method, req.headers, () => readStream(req, receiver.maxBodyBytes))
            .catch((e) => {
            receiver.hooks.onError?.(e, undefined);
            return answer(500, { error: 'internal error' });
        })
            .then((a) => {
            if (a.status === 413)
                res.setHeader('connection', 'close');
            send(res, a);
        }, () => { });
    };
}
async function readRequest(request, limit) {
    const declared = Number(request.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit)
        throw new TooLarge();
    if (!request.body)
        return '';
    const reader = request.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > limit) {
            await reader.cancel().catch(() => { });
            throw new TooLarge();
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** `(request: Request) => Promise<Response>`, for function hosts that speak fetch. */
export function fetchHandler(receiver) {
    return async (request) => {
        const headers = {};
        request.headers.forEach((v, k) => (headers[k] = v));
        let a;
        try {
            a = await answerFor(receiver, request.method, headers, () => readRequest(request, receiver.maxBodyBytes));
        }
        catch (e) {
            receiver.hooks.onError?.(e, undefined);
            a = answer(500, { error: 'internal error' });
        }
        return new Response(a.body, { status: a.status, headers: a.headers });
    };
}
/**
 * A middleware for Express (`app.post('/events', mw)`) and Fastify (`app.post('/events',
 * { onRequest: mw }, …)`, before Fastify parses the body). When a body parser has already
 * run, its result is used (a string or Buffer as is; an object is re-serialized, so prefer
 * mounting the middleware before `express.json()`).
 */
export function middleware(receiver) {
    return (req, res, next) => {
        const rawReq = req.raw ?? req;
        const rawRes = res.raw ?? res;
        if (typeof res.hijack === 'function')
            res.hijack();
        const parsed = req.body;
        const read = parsed === undefined || (typeof parsed === 'object' && parsed !== null && !Buffer.isBuffer(parsed) && Object.keys(parsed).length === 0 && !rawReq.readableEnded && rawReq.readable)
            ? () => readStream(rawReq, receiver.maxBodyBytes)
            : async () => {
                const text = typeof parsed === 'string' ? parsed : Buffer.isBuffer(parsed) ? parsed.toString('utf8') : JSON.stringify(parsed);
                if (Buffer.byteLength(text) > receiver.maxBodyBytes)
                    throw new TooLarge();
                return text;
            };
        answerFor(receiver, req.method ?? rawReq.method, req.headers ?? rawReq.headers, read)
            .catch((e) => {
            receiver.hooks.onError?.(e, undefined);
            return answer(500, { error: 'internal error' });
        })
            .then((a) => send(rawRes, a))
            .catch((e) => next?.(e));
    };
}
