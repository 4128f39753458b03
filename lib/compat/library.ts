/** The library-level functions and values of the legacy API. */
import * as v6 from "../index.js"
import * as zmq from "./constants.js"

/**
 * Makes a new CURVE key pair, with the v5 API's names for the keys (the v6 API's is
 * curveKeyPair(), with `publicKey` and `secretKey`).
 *
 * @returns The key pair, both keys as 40-character Z85 strings.
 */
export function curveKeypair(): {
  /** The public key (Z85). */
  public: string
  /** The secret key (Z85). */
  secret: string
} {
  const pair = v6.curveKeyPair()
  return { public: pair.publicKey, secret: pair.secretKey }
}

/** The version of libzmq in use, e.g. "4.3.4". */
export const version: string = v6.version

/**
 * zeromq@5's native name of {@link version}, which it exported too, as a function.
 *
 * @returns The libzmq version, e.g. "4.3.4".
 */
export function zmqVersion(): string {
  return v6.version
}

/** zeromq@5's native name of {@link curveKeypair}(), which it exported too: the same function. */
export const zmqCurveKeypair = curveKeypair

/** zeromq@5's map of socket type names to ZMQ_* numbers. */
export const types = {
  /** ZMQ_PUB, the PUB socket type. */
  pub: zmq.ZMQ_PUB,
  /** ZMQ_XPUB, the XPUB socket type. */
  xpub: zmq.ZMQ_XPUB,
  /** ZMQ_SUB, the SUB socket type. */
  sub: zmq.ZMQ_SUB,
  /** ZMQ_XSUB, the XSUB socket type. */
  xsub: zmq.ZMQ_XSUB,
  /** ZMQ_REQ, the REQ socket type. */
  req: zmq.ZMQ_REQ,
  /** ZMQ_XREQ, the XREQ (DEALER) socket type. */
  xreq: zmq.ZMQ_XREQ,
  /** ZMQ_REP, the REP socket type. */
  rep: zmq.ZMQ_REP,
  /** ZMQ_XREP, the XREP (ROUTER) socket type. */
  xrep: zmq.ZMQ_XREP,
  /** ZMQ_PUSH, the PUSH socket type. */
  push: zmq.ZMQ_PUSH,
  /** ZMQ_PULL, the PULL socket type. */
  pull: zmq.ZMQ_PULL,
  /** ZMQ_DEALER, the DEALER socket type. */
  dealer: zmq.ZMQ_DEALER,
  /** ZMQ_ROUTER, the ROUTER socket type. */
  router: zmq.ZMQ_ROUTER,
  /** ZMQ_PAIR, the PAIR socket type. */
  pair: zmq.ZMQ_PAIR,
  /** ZMQ_STREAM, the STREAM socket type. */
  stream: zmq.ZMQ_STREAM,
}

/** zeromq@5's map of libzmq monitor event numbers (ZMQ_EVENT_*) to the names monitor() emits. */
export const events = {
  /** ZMQ_EVENT_CONNECTED: a connection was made. */
  1: "connect",
  /** ZMQ_EVENT_CONNECT_DELAYED: a connection attempt is in progress. */
  2: "connect_delay",
  /** ZMQ_EVENT_CONNECT_RETRIED: a connection attempt will be retried. */
  4: "connect_retry",
  /** ZMQ_EVENT_LISTENING: the socket is listening on an endpoint. */
  8: "listen",
  /** ZMQ_EVENT_BIND_FAILED: the socket could not listen on an endpoint. */
  16: "bind_error",
  /** ZMQ_EVENT_ACCEPTED: a connection from a peer was accepted. */
  32: "accept",
  /** ZMQ_EVENT_ACCEPT_FAILED: a connection from a peer could not be accepted. */
  64: "accept_error",
  /** ZMQ_EVENT_CLOSED: a connection or listener was closed. */
  128: "close",
  /** ZMQ_EVENT_CLOSE_FAILED: closing failed. */
  256: "close_error",
  /** ZMQ_EVENT_DISCONNECTED: a connection was lost. */
  512: "disconnect",
}
