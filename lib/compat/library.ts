/** The library-level functions and values of the legacy API. */
import * as zmq from "../index.js"

/** A new CURVE key pair as the v5 API named its keys, both as 40-character Z85 strings. */
export function curveKeypair(): { public: string; secret: string } {
  const pair = zmq.curveKeyPair()
  return { public: pair.publicKey, secret: pair.secretKey }
}

/** The version of libzmq in use, e.g. "4.3.4". */
export const version: string = zmq.version
