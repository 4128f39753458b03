/**
 * The draft socket types (libzmq's draft API), exported by "zeromq-turbo/draft". Defined here,
 * apart from the warning that entry point emits, so the main entry can install their options.
 */
import { errnoError, messages } from "./errors.js"
import { defineKind, type Address } from "./internal.js"
import type * as Props from "./options.generated.js"
import { zmqConstant } from "./options.js"
import { Socket, type Message, type MessageLike } from "./socket.js"
import type { Readable, SocketOptions, Writable } from "./sockets.js"

const type = (name: string): number => zmqConstant(name)

interface ServerRoutingOptions {
  routingId: number
}

/**
 * Server's send() options checked as zeromq.js checks them (synchronously), reduced to a
 * routing id as libzmq's uint32 (never 0, which libzmq refuses).
 */
function routingIdOf(options: { routingId?: unknown }): Address {
  const routingId = options.routingId
  if (routingId === undefined) throw errnoError("EINVAL", messages.invalid)
  if (typeof routingId !== "number") throw new TypeError("A number was expected")
  if (routingId >>> 0 === 0) throw errnoError("EINVAL", messages.invalid)
  return { routingId: routingId >>> 0 }
}

/** Radio's send() options checked as zeromq.js checks them, reduced to a string or Buffer. */
function groupOf(options: { group?: unknown }): Address {
  const group = options.group
  if (group === undefined) throw errnoError("EINVAL", messages.invalid)
  if (typeof group === "string" || Buffer.isBuffer(group)) return { group }
  // zeromq.js takes the bytes of any TypedArray, and fails on a DataView with a plain Error.
  if (group instanceof DataView) throw new Error(messages.invalid)
  if (ArrayBuffer.isView(group)) return { group: Buffer.from(group.buffer, group.byteOffset, group.byteLength) }
  throw new TypeError("Value must be a string or buffer")
}

/** SERVER: thread-safe ROUTER counterpart; messages carry the client's routing id. */
export class Server extends Socket {
  constructor(options?: SocketOptions<Server>) {
    super(type("ZMQ_SERVER"), options)
  }
}
export interface Server
  extends
    Props.ServerProperties,
    Readable<[Message, ServerRoutingOptions]>,
    Writable<MessageLike, [ServerRoutingOptions]> {}
// Messages carry the client's routing id: receive() appends it, send() requires it.
defineKind(Server, {
  received: (frames, routingId) => [frames[0], { routingId }],
  address: routingIdOf,
  addresses: length => new Uint32Array(length),
})

/** CLIENT: thread-safe DEALER counterpart for SERVER. */
export class Client extends Socket {
  constructor(options?: SocketOptions<Client>) {
    super(type("ZMQ_CLIENT"), options)
  }
}
export interface Client extends Props.ClientProperties, Readable<[Message]>, Writable<MessageLike> {}

interface RadioGroupOptions {
  group: Buffer | string
}

/** RADIO: publishes to groups (udp or tcp). */
export class Radio extends Socket {
  constructor(options?: SocketOptions<Radio>) {
    super(type("ZMQ_RADIO"), options)
  }
}
export interface Radio extends Props.RadioProperties, Writable<MessageLike, [RadioGroupOptions]> {}
// send() requires the group.
defineKind(Radio, {
  address: groupOf,
  addresses: length => new Array<string | Buffer>(length),
})

interface DishGroupOptions {
  group: Buffer
}

/** DISH: receives the groups it joined from RADIO. */
export class Dish extends Socket {
  constructor(options?: SocketOptions<Dish>) {
    super(type("ZMQ_DISH"), options)
  }
}
export interface Dish extends Props.DishProperties, Readable<[Message, DishGroupOptions]> {
  /** Joins groups (Socket#join, as in zeromq.js, whose Dish has no join of its own). */
  join(...values: Array<Buffer | string>): void
  /** Leaves groups. */
  leave(...values: Array<Buffer | string>): void
}
// receive() appends the message's group.
defineKind(Dish, {
  received: (frames, _routingId, group) => [frames[0], { group }],
})

/** GATHER: thread-safe PULL counterpart. */
export class Gather extends Socket {
  constructor(options?: SocketOptions<Gather>) {
    super(type("ZMQ_GATHER"), options)
  }
}
export interface Gather extends Props.GatherProperties, Readable<[Message]> {}

/** SCATTER: thread-safe PUSH counterpart. */
export class Scatter extends Socket {
  constructor(options?: SocketOptions<Scatter>) {
    super(type("ZMQ_SCATTER"), options)
  }
}
export interface Scatter extends Props.ScatterProperties, Writable<MessageLike> {}

/** DGRAM: UDP datagrams; every message is [address, data]. */
export class Datagram extends Socket {
  constructor(options?: SocketOptions<Datagram>) {
    super(type("ZMQ_DGRAM"), options)
  }
}
export interface Datagram
  extends Props.DatagramProperties, Readable<[Message, Message]>, Writable<[MessageLike, MessageLike]> {}
