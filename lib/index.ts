/**
 * "zeromq-turbo": the same exports as zeromq.js 6's main entry point, in the same order, then
 * zeromq-turbo's own additions (docs/compatibility.md, "Additions").
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

/** What the linked libzmq supports, from zmq_has(). */
const capability: Partial<{
  ipc: boolean
  pgm: boolean
  tipc: boolean
  norm: boolean
  curve: boolean
  gssapi: boolean
  draft: boolean
}> = native.capability()

/** A new CURVE key pair, both keys as 40-character Z85 strings. */
const curveKeyPair = function curveKeyPair(): { publicKey: string; secretKey: string } {
  return native.curveKeyPair()
}

/** The version of libzmq this binding was built with, e.g. "4.3.4". */
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
