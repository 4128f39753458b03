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
  /** ZMQ_FD: the file descriptor libzmq signals readiness on; read-only. */
  _fd: zmq.ZMQ_FD,
  /** ZMQ_EVENTS: the socket's readiness, a bit mask of ZMQ_POLLIN and ZMQ_POLLOUT; read-only. */
  _ioevents: zmq.ZMQ_EVENTS,
  /** ZMQ_RCVMORE: whether the frame last received is followed by more frames of the same message; read-only. */
  _receiveMore: zmq.ZMQ_RCVMORE,
  /** ZMQ_SUBSCRIBE: adds a subscription (a prefix) on a SUB socket; write-only. */
  _subscribe: zmq.ZMQ_SUBSCRIBE,
  /** ZMQ_UNSUBSCRIBE: removes a subscription from a SUB socket; write-only. */
  _unsubscribe: zmq.ZMQ_UNSUBSCRIBE,
  /** ZMQ_AFFINITY: bit mask of the I/O threads that handle new connections. */
  affinity: zmq.ZMQ_AFFINITY,
  /** ZMQ_BACKLOG: maximum length of the queue of pending connections. */
  backlog: zmq.ZMQ_BACKLOG,
  /** ZMQ_HWM: libzmq 2's single high water mark option. libzmq 4 has none by this number: setsockopt() fails with EINVAL (use ZMQ_SNDHWM and ZMQ_RCVHWM). */
  hwm: zmq.ZMQ_HWM,
  /** ZMQ_IDENTITY: the socket's identity (routing id) as ROUTER peers see it; libzmq 4 calls it ZMQ_ROUTING_ID. */
  identity: zmq.ZMQ_IDENTITY,
  /** ZMQ_LINGER: milliseconds undelivered messages are kept after close (-1: forever, 0: drop). */
  linger: zmq.ZMQ_LINGER,
  /** ZMQ_MCAST_LOOP: libzmq 2's multicast loopback flag. libzmq 4 dropped it: setsockopt() fails with EINVAL. */
  mcast_loop: zmq.ZMQ_MCAST_LOOP,
  /** ZMQ_RATE: multicast data rate in kilobits per second. */
  rate: zmq.ZMQ_RATE,
  /** ZMQ_RCVBUF: kernel receive buffer size in bytes (-1: the OS default). */
  rcvbuf: zmq.ZMQ_RCVBUF,
  /** ZMQ_LAST_ENDPOINT: the endpoint last bound, with wildcards resolved. */
  last_endpoint: zmq.ZMQ_LAST_ENDPOINT,
  /** ZMQ_RECONNECT_IVL: milliseconds before reconnecting a lost connection (-1: never). */
  reconnect_ivl: zmq.ZMQ_RECONNECT_IVL,
  /** ZMQ_RECOVERY_IVL: multicast recovery interval in milliseconds. */
  recovery_ivl: zmq.ZMQ_RECOVERY_IVL,
  /** ZMQ_SNDBUF: kernel send buffer size in bytes (-1: the OS default). */
  sndbuf: zmq.ZMQ_SNDBUF,
  /** ZMQ_SWAP: libzmq 2's disk swap size. libzmq 4 dropped it: setsockopt() fails with EINVAL. */
  swap: zmq.ZMQ_SWAP,
  /** ZMQ_MECHANISM: the security mechanism in use: null, "plain", "curve" or "gssapi". */
  mechanism: zmq.ZMQ_MECHANISM,
  /** ZMQ_PLAIN_SERVER: act as a PLAIN server. */
  plain_server: zmq.ZMQ_PLAIN_SERVER,
  /** ZMQ_PLAIN_USERNAME: PLAIN user name (makes this socket a PLAIN client). */
  plain_username: zmq.ZMQ_PLAIN_USERNAME,
  /** ZMQ_PLAIN_PASSWORD: PLAIN password. */
  plain_password: zmq.ZMQ_PLAIN_PASSWORD,
  /** ZMQ_CURVE_SERVER: act as a CURVE server. */
  curve_server: zmq.ZMQ_CURVE_SERVER,
  /** ZMQ_CURVE_PUBLICKEY: this socket's CURVE public key (Z85). */
  curve_publickey: zmq.ZMQ_CURVE_PUBLICKEY,
  /** ZMQ_CURVE_SECRETKEY: this socket's CURVE secret key (Z85). */
  curve_secretkey: zmq.ZMQ_CURVE_SECRETKEY,
  /** ZMQ_CURVE_SERVERKEY: the CURVE server's public key (Z85), for clients. */
  curve_serverkey: zmq.ZMQ_CURVE_SERVERKEY,
  /** ZMQ_ZAP_DOMAIN: the ZAP authentication domain. */
  zap_domain: zmq.ZMQ_ZAP_DOMAIN,
  /** ZMQ_HEARTBEAT_IVL: milliseconds between ZMTP heartbeats (0: none). */
  heartbeat_ivl: zmq.ZMQ_HEARTBEAT_IVL,
  /** ZMQ_HEARTBEAT_TTL: milliseconds the peer should wait for heartbeats before timing out. */
  heartbeat_ttl: zmq.ZMQ_HEARTBEAT_TTL,
  /** ZMQ_HEARTBEAT_TIMEOUT: milliseconds to wait for a heartbeat reply before closing the connection. */
  heartbeat_timeout: zmq.ZMQ_HEARTBEAT_TIMEOUT,
  /** ZMQ_CONNECT_TIMEOUT: milliseconds a tcp connect may take (0: the OS default). */
  connect_timeout: zmq.ZMQ_CONNECT_TIMEOUT,
}

/** The short option names of {@link options}. */
export type OptionName = keyof typeof options
/** What getsockopt() returns: a number, a string, a boolean or null, by the option. */
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
