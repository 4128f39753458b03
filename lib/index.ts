import { native } from "./native.js"

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
