// A console's own backend, as Huawei Cloud consoles have one: it serves the console's page,
// keeps the user's session in an HttpOnly cookie, and proxies `/console-api/sdrs/...` to
// the SDRS API only for requests with that cookie and the page's CSRF header, adding the
// IAM token itself. The page never holds a token. Every request is recorded for the test.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

export const SESSION = "console-session-7f3a";
export const CSRF = "csrf-2b9e41";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
const POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export function startConsoleBackend({ dist, upstream, token }) {
  const proxied = []; // { path, cookie, csrf, token }
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://console.invalid");
    // `/console-api/<any name>/v1/...`: the console's proxy to the SDRS API.
    const proxiedPath = /^\/console-api\/[^/]+(\/v1\/.*)$/.exec(url.pathname)?.[1];
    if (proxiedPath) {
      const cookie = request.headers.cookie ?? "";
      proxied.push({
        path: url.pathname,
        session: cookie.includes(`session=${SESSION}`),
        csrf: request.headers["x-csrf-token"] ?? null,
        token: request.headers["x-auth-token"] ?? null,
      });
      if (!cookie.includes(`session=${SESSION}`) || request.headers["x-csrf-token"] !== CSRF) {
        response.writeHead(403, { "content-type": "application/json" });
        return response.end('{"error_code":"CONSOLE.0403","error_msg":"no session or CSRF token"}');
      }
      const answer = await fetch(upstream + proxiedPath, {
        headers: { "X-Auth-Token": token, Accept: "application/json" },
        redirect: "manual",
      });
      const headers = { "content-type": answer.headers.get("content-type") ?? "application/json" };
      const requestId = answer.headers.get("x-request-id");
      if (requestId) headers["x-request-id"] = requestId;
      response.writeHead(answer.status, headers);
      return response.end(Buffer.from(await answer.arrayBuffer()));
    }
    const file = normalize(join(dist, url.pathname === "/" ? "embed.html" : url.pathname));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404);
      return response.end();
    }
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": POLICY,
      "x-content-type-options": "nosniff",
    };
    if (extname(file) === ".html") {
      headers["set-cookie"] = `session=${SESSION}; HttpOnly; SameSite=Strict; Path=/`;
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        base: `http://127.0.0.1:${server.address().port}`,
        proxied,
        stop: () => server.close(),
      }),
    );
  });
}
