// A hostile SDRS endpoint for tests: each job id is a way a server can hurt a client.
// `startHostile()` starts it and a second origin, the collector, on loopback ports; both
// record what they received, so a test can check that nothing (no token, no request at all)
// reached the collector. Every loop here is bounded: an "endless" body stops when the client
// goes away or after 512 MiB, and `stop()` ends every open connection.
//
// Routes (GET /v1/{project}/jobs/{case}):
//   many-empty        200, 24 MiB of `{}` sub-jobs (under the 64 MiB input cap)
//   endless           200, a job whose fail_reason never ends
//   huge-error        500, an 86 MiB error body
//   big-invalid       200, 100 MB of garbage with no Content-Length
//   declared-huge     200, `Content-Length: 100000000`, then garbage
//   silent            accepts the request and never answers
//   drip              200, a small job one byte every 200 ms
//   redirect          302 to the collector (which answers every request and preflight)
//   retry-after-huge  503 with `Retry-After: 999999`
//   retry-after-negative  503 with `Retry-After: -5` twice, then a finished job
//   html              404 with a dev server's HTML page
//   ok                200, a finished job
import { createServer } from "node:http";

const MIB = 1024 * 1024;

/** Writes `total` bytes made by `chunk(i)` with back-pressure; stops when the client goes. */
async function stream(response, total, chunk) {
  let sent = 0;
  let index = 0;
  while (sent < total && !response.destroyed) {
    const piece = chunk(index++);
    sent += piece.length;
    if (!response.write(piece)) {
      await new Promise((resolve) => {
        response.once("drain", resolve);
        response.once("close", resolve);
      });
    }
  }
  response.end();
  return sent;
}

function cors(request, response) {
  response.setHeader("Access-Control-Allow-Origin", request.headers.origin ?? "*");
  response.setHeader("Access-Control-Allow-Headers", "X-Auth-Token, Accept, X-CSRF-Token, Content-Type");
  response.setHeader("Access-Control-Allow-Credentials", "true");
  response.setHeader("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
}

function listen(handler) {
  const sockets = new Set();
  const server = createServer(handler);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        base: `http://127.0.0.1:${port}`,
        close() {
          for (const socket of sockets) socket.destroy();
          server.close();
        },
      });
    });
  });
}

const FINISHED = JSON.stringify({
  job_id: "0000000062db92d70162db9d200f000a",
  job_type: "createProtectionGroup",
  status: "SUCCESS",
  begin_time: "2019-06-13T09:40:00.000Z",
  end_time: "2019-06-13T09:40:08.000Z",
});

export async function startHostile() {
  const received = []; // { server, method, path, headers }
  const sent = {}; // bytes written per case
  const counts = {};
  const collector = await listen((request, response) => {
    received.push({ server: "collector", method: request.method, path: request.url, headers: request.headers });
    cors(request, response);
    response.setHeader("Access-Control-Allow-Methods", "GET");
    if (request.method === "OPTIONS") return response.end();
    response.setHeader("Content-Type", "application/json");
    response.end(FINISHED);
  });
  const hostile = await listen(async (request, response) => {
    cors(request, response);
    if (request.method === "OPTIONS") return response.end();
    received.push({ server: "hostile", method: request.method, path: request.url, headers: request.headers });
    const match = /^\/v1\/[^/]+\/jobs\/([^/?]+)/.exec(request.url);
    const name = match?.[1] ?? "";
    counts[name] = (counts[name] ?? 0) + 1;
    response.setHeader("X-Request-Id", `hostile-${name}-${counts[name]}`);
    const json = () => response.setHeader("Content-Type", "application/json");
    switch (name) {
      case "many-empty": {
        json();
        const head = Buffer.from('{"job_id":"x","status":"RUNNING","entities":{"sub_jobs":[{}');
        const block = Buffer.from(",{}".repeat(64 * 1024));
        sent[name] = await stream(response, 24 * MIB, (index) => (index === 0 ? head : block));
        return;
      }
      case "endless": {
        json();
        const head = Buffer.from('{"job_id":"x","status":"FAIL","fail_reason":"');
        const block = Buffer.alloc(MIB, "a");
        sent[name] = await stream(response, 512 * MIB, (index) => (index === 0 ? head : block));
        return;
      }
      case "huge-error": {
        json();
        response.statusCode = 500;
        const head = Buffer.from('{"error_code":"SDRS.0013","error_msg":"');
        const block = Buffer.alloc(MIB, "x");
        sent[name] = await stream(response, 86 * MIB, (index) => (index === 0 ? head : block));
        return;
      }
      case "big-invalid": {
        json();
        const block = Buffer.alloc(MIB, "{");
        sent[name] = await stream(response, 100 * MIB, () => block);
        return;
      }
      case "declared-huge": {
        json();
        response.setHeader("Content-Length", String(100_000_000));
        const block = Buffer.alloc(MIB, "{");
        sent[name] = await stream(response, 100 * MIB, () => block);
        return;
      }
      case "silent":
        // Never answers; the connection stays open until the client gives up or stop().
        return;
      case "drip": {
        json();
        response.flushHeaders();
        for (const byte of Buffer.from(FINISHED)) {
          if (response.destroyed) break;
          response.write(Buffer.from([byte]));
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        response.end();
        return;
      }
      case "redirect":
        response.statusCode = 302;
        response.setHeader("Location", `${collector.base}/v1/collect/jobs/stolen`);
        return response.end();
      case "retry-after-huge":
        json();
        response.statusCode = 503;
        response.setHeader("Retry-After", "999999");
        return response.end('{"error_code":"APIGW.0404","error_msg":"busy"}');
      case "retry-after-negative":
        json();
        if (counts[name] <= 2) {
          response.statusCode = 503;
          response.setHeader("Retry-After", "-5");
          return response.end('{"error_code":"APIGW.0404","error_msg":"busy"}');
        }
        return response.end(FINISHED);
      case "html":
        response.statusCode = 404;
        response.setHeader("Content-Type", "text/html");
        return response.end("<!DOCTYPE html><html><body><pre>Cannot GET /v1</pre></body></html>");
      case "ok":
        json();
        return response.end(FINISHED);
      default:
        response.statusCode = 404;
        json();
        return response.end('{"itemNotFound":{"code":"SDRS.0403","message":"no such case"}}');
    }
  });
  return {
    base: hostile.base,
    collectorBase: collector.base,
    received,
    sent,
    counts,
    /** Requests that reached the collector (the second origin). */
    collected: () => received.filter((entry) => entry.server === "collector"),
    stop() {
      hostile.close();
      collector.close();
    },
  };
}
