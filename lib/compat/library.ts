/** The library-level functions and values of the legacy API. */
import * as v6 from "../index.js"
import * as zmq from "./constants.js"

/** A new CURVE key pair as the v5 API named its keys, both as 40-character Z85 strings. */
export function curveKeypair(): { public: string; secret: string } {
  const pair = v6.curveKeyPair()
  return { public: pair.publicKey, secret: pair.secretKey }
}

/** The version of libzmq in use, e.g. "4.3.4". */
export const version: string = v6.version

/** zeromq@5's native names of `version` and `curveKeypair()`, which it exported too. */
export function zmqVersion(): string {
  return v6.version
}

export const zmqCurveKeypair = curveKeypair

/** zeromq@5's map of socket type names to ZMQ_* numbers. */
export const types = {
  pub: zmq.ZMQ_PUB,
  xpub: zmq.ZMQ_XPUB,
  sub: zmq.ZMQ_SUB,
  xsub: zmq.ZMQ_XSUB,
  req: zmq.ZMQ_REQ,
  xreq: zmq.ZMQ_XREQ,
  rep: zmq.ZMQ_REP,
  xrep: zmq.ZMQ_XREP,
  push: zmq.ZMQ_PUSH,
  pull: zmq.ZMQ_PULL,
  dealer: zmq.ZMQ_DEALER,
  router: zmq.ZMQ_ROUTER,
  pair: zmq.ZMQ_PAIR,
  stream: zmq.ZMQ_STREAM,
}

/** zeromq@5's map of libzmq monitor event numbers (ZMQ_EVENT_*) to the names monitor() emits. */
export const events = {
  1: "connect",
  2: "connect_delay",
  4: "connect_retry",
  8: "listen",
  16: "bind_error",
  32: "accept",
  64: "accept_error",
  128: "close",
  256: "close_error",
  512: "disconnect",
}
