import type { LookupAddress, LookupOptions } from "node:dns";
import type { Socket } from "node:net";
import { Agent, buildConnector } from "undici";
import { ref } from "@fluxo/contracts";
import { OutboundRefusedError, refusalText, type OutboundGuard, type OutboundProtocol, type OutboundTarget, type ResolvedAddress } from "./outbound-policy.js";

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici Agent whose every connection is checked by the guard. The host is resolved
 * once per connection, inside the socket's `lookup`, and the socket may only use the
 * addresses of that one answer, all of them checked: DNS can't answer one address to the
 * check and another to the connection (rebinding). IP literals skip `lookup`, so they are
 * checked before the socket is created. Once connected, before a byte of the request is
 * written, the peer's address is checked again. SNI and Host stay the URL's host name.
 */
export function createOutboundDispatcher(guard: OutboundGuard): Agent {
  return new Agent({ connect: guardedConnector(guard) });
}

export function guardedConnector(guard: OutboundGuard, build: typeof buildConnector = buildConnector): buildConnector.connector {
  const connectors: Record<OutboundProtocol, buildConnector.connector> = {
    "http:": build({ lookup: pinnedLookup(guard, "http:") }),
    "https:": build({ lookup: pinnedLookup(guard, "https:") }),
  };

  return (options, callback) => {
    const protocol = options.protocol;
    if (protocol !== "http:" && protocol !== "https:") return callback(new TypeError(`HttpClient only speaks http(s), got ${protocol}`), null);
    // undici hands IPv6 literals without brackets.
    const target: OutboundTarget = { protocol, host: options.hostname.toLowerCase() };
    const early = guard.checkTarget(target);
    if (early) return callback(new OutboundRefusedError(early), null);

    connectors[protocol](options, (error, socket) => {
      if (error) return callback(error, null);
      const peer = (socket as Socket).remoteAddress;
      const refusal = peer === undefined ? undefined : guard.checkAddress(target, peer);
      if (peer === undefined || refusal) {
        socket.destroy();
        return callback(
          new OutboundRefusedError(refusal ?? { rule: "reserved", host: target.host, ...refusalText(ref("outbound.unconfirmed", { host: target.host })) }),
          null,
        );
      }
      callback(null, socket);
    });
  };
}

/** A `net.connect` lookup that resolves through the guard (which refuses, or answers checked addresses only). */
function pinnedLookup(guard: OutboundGuard, protocol: OutboundProtocol) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    guard.resolve({ protocol, host: hostname.toLowerCase() }).then(
      (answers) => answerLookup(answers, options, callback),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), []),
    );
  };
}

function answerLookup(answers: ResolvedAddress[], options: LookupOptions, callback: LookupCallback): void {
  const wanted = options.family === 4 || options.family === 6 ? answers.filter((answer) => answer.family === options.family) : answers;
  if (wanted.length === 0) {
    return callback(Object.assign(new Error(`no IPv${String(options.family)} address`), { code: "ENOTFOUND" }), []);
  }
  // With autoSelectFamily (Node's default) net asks for every address and tries them in turn.
  if (options.all) return callback(null, wanted.map(({ address, family }) => ({ address, family })));
  callback(null, wanted[0]!.address, wanted[0]!.family);
}
