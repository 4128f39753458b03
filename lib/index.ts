/** "zeromq-turbo": the same exports as zeromq.js 6's main entry point. */
import * as draft from "./draft-sockets.js"
import { Context } from "./context.js"
import { native } from "./native.js"
import { installOptions } from "./options.js"
import { Socket } from "./socket.js"
import * as sockets from "./sockets.js"

/** The version of libzmq this binding was built with, e.g. "4.3.4". */
export const version: string = native.version()

/** What the linked libzmq supports, from zmq_has(). */
export const capability: Partial<{
  ipc: boolean
  pgm: boolean
  tipc: boolean
  norm: boolean
  curve: boolean
  gssapi: boolean
  draft: boolean
}> = native.capability()

/** A new CURVE key pair, both keys as 40-character Z85 strings. */
export function curveKeyPair(): { publicKey: string; secretKey: string } {
  return native.curveKeyPair()
}

installOptions({ Context, Socket, ...sockets, ...draft })

export { context, Context } from "./context.js"
export { Socket, type Message, type MessageLike } from "./socket.js"
export {
  Observer,
  type Event,
  type EventOfType,
  type EventType,
  type EventSubscriber,
  type ErrnoError,
  type AuthError,
  type ProtoError,
  type EventAddress,
  type EventInterval,
  type EventError,
  type EventFor,
} from "./observer.js"
export {
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
  type Readable,
  type Writable,
  type SocketOptions,
  type RouterConnectOptions,
  type StreamConnectOptions,
} from "./sockets.js"
export type { Options, IfEquals, Expand, ReadableKeys, WritableKeys } from "./options.js"
