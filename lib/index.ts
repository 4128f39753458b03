// The same exports as zeromq.js 6's main entry point, in the same order, then zeromq-turbo's
// own additions (docs/compatibility.md, "Additions").
/**
 * `zeromq-turbo`: ZeroMQ sockets for Node.js, the API of zeromq.js 6 (import this instead of
 * `zeromq` and the rest of a program stays the same), with receive and send batches and an
 * authenticator added.
 *
 * ```typescript
 * import * as zmq from "zeromq-turbo"
 *
 * const pull = new zmq.Pull()
 * await pull.bind("tcp://127.0.0.1:5555")
 * for await (const [message] of pull) console.log(message.toString())
 * ```
 *
 * @module zeromq-turbo
 */
import { Authenticator } from "./authenticator.js"
import { Context, context } from "./context.js"
import * as draft from "./draft-sockets.js"
import { native } from "./native.js"
import { Observer } from "./observer.js"
import { installOptions } from "./options.js"
import { Proxy } from "./proxy.js"
import { Socket } from "./socket.js"
import * as sockets from "./sockets.js"
import {
  Dealer,
  Pair,
  Publisher,
  Pull,
  Push,
  Reply,
  Request,
  Router,
  Stream,
  Subscriber,
  XPublisher,
  XSubscriber,
} from "./sockets.js"
import { curvePublicKey, z85Decode, z85Encode } from "./z85.js"

/**
 * What the linked libzmq supports (zmq_has()): a key for each optional feature, true when it
 * is there and false or absent when not. zeromq-turbo's binaries are built with `ipc`, `curve`
 * (libzmq's own TweetNaCl) and `draft`; a build against a system libzmq may differ.
 *
 * ```typescript
 * if (!zmq.capability.curve) throw new Error("this libzmq has no CURVE security")
 * ```
 */
const capability: Partial<{
  /** The `ipc://` transport (Unix domain sockets; not on Windows). */
  ipc: boolean
  /** The `pgm://` and `epgm://` reliable multicast transports. */
  pgm: boolean
  /** The `tipc://` transport (Linux TIPC). */
  tipc: boolean
  /** The `norm://` transport (NACK-oriented reliable multicast). */
  norm: boolean
  /** The CURVE security mechanism (the curve* socket options, {@link curveKeyPair}). */
  curve: boolean
  /** The GSSAPI (Kerberos) security mechanism (the gssapi* socket options). */
  gssapi: boolean
  /** libzmq's draft API: the sockets of `zeromq-turbo/draft` and the draft socket options. */
  draft: boolean
}> = native.capability()

/**
 * Makes a new CURVE key pair (zmq_curve_keypair), both keys as 40-character Z85 strings.
 *
 * To secure a connection with CURVE:
 * - the server socket sets {@link Socket.curveServer} to true and its
 *   {@link Socket.curveSecretKey} to the secret key of a server key pair;
 * - each client socket sets {@link Socket.curveServerKey} to the server's public key, and its
 *   own {@link Socket.curvePublicKey} and {@link Socket.curveSecretKey} from a client key pair.
 *
 * The server need not know its own public key (or, without an {@link Authenticator}, the
 * clients' keys); handing the server's public key to the clients is up to the application.
 *
 * ```typescript
 * const server = zmq.curveKeyPair()
 * const client = zmq.curveKeyPair()
 * const rep = new zmq.Reply({ curveServer: true, curveSecretKey: server.secretKey })
 * const req = new zmq.Request({
 *   curveServerKey: server.publicKey,
 *   curvePublicKey: client.publicKey,
 *   curveSecretKey: client.secretKey,
 * })
 * ```
 *
 * Throws an `ENOTSUP` error when libzmq was built without CURVE (see {@link capability}).
 *
 * @returns The new key pair.
 */
const curveKeyPair = function curveKeyPair(): {
  /** The public key, 40 Z85 characters: give it to the peers. */
  publicKey: string
  /** The secret key, 40 Z85 characters: keep it to this socket. */
  secretKey: string
} {
  return native.curveKeyPair()
}

/**
 * The version of the libzmq this package runs on, as `major.minor.patch`: `"4.3.4"` for its
 * own binaries (zeromq.js 6.8.0 reports its bundled `"4.3.5"`).
 */
const version: string = native.version()

installOptions({ Context, Socket, ...sockets, ...draft })

export {
  capability,
  context,
  curveKeyPair,
  version,
  Context,
  Socket,
  Observer,
  Proxy,
  Pair,
  Publisher,
  Subscriber,
  Request,
  Reply,
  Dealer,
  Router,
  Pull,
  Push,
  XPublisher,
  XSubscriber,
  Stream,
  // zeromq-turbo's additions, after zeromq.js's exports.
  Authenticator,
  curvePublicKey,
  z85Encode,
  z85Decode,
}
export type {
  AuthenticatorDecision,
  AuthenticatorOptions,
  CurveCheck,
  CurvePolicy,
  PlainCheck,
  PlainPolicy,
  ZapRequest,
} from "./authenticator.js"
export type { Message, MessageLike } from "./socket.js"
export type {
  Event,
  EventOfType,
  EventType,
  EventSubscriber,
  ErrnoError,
  AuthError,
  ProtoError,
  EventAddress,
  EventInterval,
  EventError,
  EventFor,
} from "./observer.js"
export type { Readable, Writable, SocketOptions, RouterConnectOptions, StreamConnectOptions } from "./sockets.js"
export type { Options, IfEquals, Expand, ReadableKeys, WritableKeys } from "./options.js"
