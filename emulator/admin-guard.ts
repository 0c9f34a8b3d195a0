// Who may use the admin endpoints, which have no authentication and return every signing secret: only a
// client on this machine addressing the emulator by its loopback name. A web page cannot: DNS rebinding
// makes the browser send another Host, and a cross-origin request (a form's text/plain POST needs no
// preflight) carries an Origin that is not the emulator's own.
import type { IncomingHttpHeaders } from "node:http";
import type { ApiAnswer } from "./webhook-api";

const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

/** The 403 an admin request gets, or undefined when it may go on. */
export function adminRefusal(headers: IncomingHttpHeaders, port: number): ApiAnswer | undefined {
  const hosts = LOOPBACK_NAMES.flatMap((name) => (port === 80 ? [name, `${name}:80`] : [`${name}:${port}`]));
  const addresses = `${LOOPBACK_NAMES.map((name) => `${name}:${port}`).join(", ")}`;
  // Neither header is repeated in the answer: both come from whoever sent the request.
  if (!hosts.includes((headers.host ?? "").toLowerCase())) {
    return refused(
      `this admin request is addressed to another host (its Host header): the admin endpoints answer only ` +
        `requests to ${addresses}, against DNS rebinding; call the emulator at one of those`,
    );
  }
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin.toLowerCase() === `http://${host}`)) {
    return refused(
      `this admin request comes from a web page of another origin (its Origin header): the admin endpoints ` +
        `answer only clients on this machine (curl, tests, linq-emulator), not browsers on other sites`,
    );
  }
  return undefined;
}

const refused = (error: string): ApiAnswer => ({ status: 403, body: { error } });
