/**
 * Legacy socket options: setsockopt()/getsockopt() by v5 number or short name, as zeromq@5 did
 * them: every option number it knew goes to libzmq by number with the C type zeromq@5 used, so
 * libzmq decides which socket types take it (`identity` works on a SUB as on a DEALER) and
 * options libzmq 4 dropped (`hwm`, `swap`, `mcast_loop`) fail with EINVAL, as they did there.
 *
 * They go through the v6 socket's typed option accessors (getInt32Option() and the like, which
 * zeromq.js's sockets have too), so the value checks and errors are the v6 API's (a TypeError
 * for a value of the wrong type, an Error with code EINVAL when libzmq refuses). Where the v6
 * accessors are stricter than zeromq@5, the value is converted first: a boolean counts as 1 or
 * 0. A string option reads as "" where the v6 accessor says null, as zeromq@5 read it.
 */
import type { Socket as V6Socket } from "../index.js"
import * as zmq from "./constants.js"

/** The short names v5 programs use as properties and in createSocket() options, in zeromq@5's
 *  order (zeromq.js's list, and hwm, mcast_loop and swap, which libzmq 4 refuses). */
export const options = {
  _fd: zmq.ZMQ_FD,
  _ioevents: zmq.ZMQ_EVENTS,
  _receiveMore: zmq.ZMQ_RCVMORE,
  _subscribe: zmq.ZMQ_SUBSCRIBE,
  _unsubscribe: zmq.ZMQ_UNSUBSCRIBE,
  affinity: zmq.ZMQ_AFFINITY,
  backlog: zmq.ZMQ_BACKLOG,
  hwm: zmq.ZMQ_HWM,
  identity: zmq.ZMQ_IDENTITY,
  linger: zmq.ZMQ_LINGER,
  mcast_loop: zmq.ZMQ_MCAST_LOOP,
  rate: zmq.ZMQ_RATE,
  rcvbuf: zmq.ZMQ_RCVBUF,
  last_endpoint: zmq.ZMQ_LAST_ENDPOINT,
  reconnect_ivl: zmq.ZMQ_RECONNECT_IVL,
  recovery_ivl: zmq.ZMQ_RECOVERY_IVL,
  sndbuf: zmq.ZMQ_SNDBUF,
  swap: zmq.ZMQ_SWAP,
  mechanism: zmq.ZMQ_MECHANISM,
  plain_server: zmq.ZMQ_PLAIN_SERVER,
  plain_username: zmq.ZMQ_PLAIN_USERNAME,
  plain_password: zmq.ZMQ_PLAIN_PASSWORD,
  curve_server: zmq.ZMQ_CURVE_SERVER,
  curve_publickey: zmq.ZMQ_CURVE_PUBLICKEY,
  curve_secretkey: zmq.ZMQ_CURVE_SECRETKEY,
  curve_serverkey: zmq.ZMQ_CURVE_SERVERKEY,
  zap_domain: zmq.ZMQ_ZAP_DOMAIN,
  heartbeat_ivl: zmq.ZMQ_HEARTBEAT_IVL,
  heartbeat_ttl: zmq.ZMQ_HEARTBEAT_TTL,
  heartbeat_timeout: zmq.ZMQ_HEARTBEAT_TIMEOUT,
  connect_timeout: zmq.ZMQ_CONNECT_TIMEOUT,
}

export type OptionName = keyof typeof options
export type OptionValue = string | number | boolean | null

/** The C type of an option's value, named after the v6 accessor that reads and writes it. */
type Kind = "Int32" | "Int64" | "Uint64" | "String"

/**
 * Every option number zeromq@5 accepted, with the type it gave libzmq. Numbers that are not
 * options in libzmq 4 any more (ZMQ_HWM, ZMQ_SWAP, ZMQ_MCAST_LOOP, 20 the old
 * ZMQ_RECOVERY_IVL_MSEC, 29 and 30 the 3.0 label options) are kept: libzmq refuses them.
 */
const kinds = new Map<number, Kind>([
  [zmq.ZMQ_HWM, "Uint64"],
  [zmq.ZMQ_SWAP, "Int64"],
  [zmq.ZMQ_AFFINITY, "Uint64"],
  [zmq.ZMQ_IDENTITY, "String"],
  [zmq.ZMQ_SUBSCRIBE, "String"],
  [zmq.ZMQ_UNSUBSCRIBE, "String"],
  [zmq.ZMQ_RATE, "Int32"],
  [zmq.ZMQ_RECOVERY_IVL, "Int32"],
  [zmq.ZMQ_MCAST_LOOP, "Int64"],
  [zmq.ZMQ_SNDBUF, "Int32"],
  [zmq.ZMQ_RCVBUF, "Int32"],
  [zmq.ZMQ_RCVMORE, "Int32"],
  [zmq.ZMQ_FD, "Int32"],
  [zmq.ZMQ_EVENTS, "Int32"],
  [zmq.ZMQ_TYPE, "Int32"],
  [zmq.ZMQ_LINGER, "Int32"],
  [zmq.ZMQ_RECONNECT_IVL, "Int32"],
  [zmq.ZMQ_BACKLOG, "Int32"],
  [20, "Int64"], // ZMQ_RECOVERY_IVL_MSEC of libzmq 3
  [zmq.ZMQ_RECONNECT_IVL_MAX, "Int32"],
  [zmq.ZMQ_MAXMSGSIZE, "Int64"],
  [zmq.ZMQ_SNDHWM, "Int32"],
  [zmq.ZMQ_RCVHWM, "Int32"],
  [zmq.ZMQ_MULTICAST_HOPS, "Int32"],
  [zmq.ZMQ_RCVTIMEO, "Int32"],
  [zmq.ZMQ_SNDTIMEO, "Int32"],
  [29, "Int32"], // ZMQ_RCVLABEL of libzmq 3.0
  [30, "Int32"], // ZMQ_RCVCMD of libzmq 3.0
  [zmq.ZMQ_IPV4ONLY, "Int32"],
  [zmq.ZMQ_LAST_ENDPOINT, "String"],
  [zmq.ZMQ_ROUTER_MANDATORY, "Int32"],
  [zmq.ZMQ_TCP_KEEPALIVE, "Int32"],
  [zmq.ZMQ_TCP_KEEPALIVE_CNT, "Int32"],
  [zmq.ZMQ_TCP_KEEPALIVE_IDLE, "Int32"],
  [zmq.ZMQ_TCP_KEEPALIVE_INTVL, "Int32"],
  [zmq.ZMQ_TCP_ACCEPT_FILTER, "String"],
  [zmq.ZMQ_DELAY_ATTACH_ON_CONNECT, "Int32"],
  [zmq.ZMQ_XPUB_VERBOSE, "Int32"],
  [zmq.ZMQ_ROUTER_RAW, "Int32"],
  [zmq.ZMQ_IPV6, "Int32"],
  [zmq.ZMQ_MECHANISM, "Int32"],
  [zmq.ZMQ_PLAIN_SERVER, "Int32"],
  [zmq.ZMQ_PLAIN_USERNAME, "String"],
  [zmq.ZMQ_PLAIN_PASSWORD, "String"],
  [zmq.ZMQ_CURVE_SERVER, "Int32"],
  [zmq.ZMQ_CURVE_PUBLICKEY, "String"],
  [zmq.ZMQ_CURVE_SECRETKEY, "String"],
  [zmq.ZMQ_CURVE_SERVERKEY, "String"],
  [51, "Int32"], // ZMQ_PROBE_ROUTER
  [zmq.ZMQ_ZAP_DOMAIN, "String"],
  [zmq.ZMQ_ROUTER_HANDOVER, "Int32"],
  [66, "Int32"], // ZMQ_HANDSHAKE_IVL
  [zmq.ZMQ_HEARTBEAT_IVL, "Int32"],
  [zmq.ZMQ_HEARTBEAT_TTL, "Int32"],
  [zmq.ZMQ_HEARTBEAT_TIMEOUT, "Int32"],
  [zmq.ZMQ_CONNECT_TIMEOUT, "Int32"],
])

/** A v6 socket seen through its typed option accessors (protected in the v6 types). */
type Accessors = Record<`get${Kind}Option`, (id: number) => unknown> &
  Record<`set${Kind}Option`, (id: number, value: unknown) => void>

/** The option number and type of a v5 number or short name. */
function lookup(option: number | string): [number, Kind] {
  const id =
    typeof option === "number" ? option : Object.hasOwn(options, option) ? options[option as OptionName] : undefined
  const kind = id === undefined ? undefined : kinds.get(id)
  if (kind === undefined) throw new Error("Unknown option")
  return [id as number, kind]
}

/** getsockopt(): the option's value as zeromq@5 reported it (numbers, strings). */
export function getOption(socket: V6Socket, option: number | string): unknown {
  const [id, kind] = lookup(option)
  const value = (socket as unknown as Accessors)[`get${kind}Option`](id)
  return value === null && kind === "String" ? "" : value
}

/** setsockopt(): the option set in libzmq by number. */
export function setOption(socket: V6Socket, option: number | string, value: unknown): void {
  const [id, kind] = lookup(option)
  const given = typeof value === "boolean" && kind !== "String" ? Number(value) : value
  ;(socket as unknown as Accessors)[`set${kind}Option`](id, given)
}
