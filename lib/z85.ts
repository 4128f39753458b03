/**
 * Z85 (ZeroMQ RFC 32) and CURVE key helpers: zeromq-turbo's own, not in zeromq.js. The
 * conversions are libzmq's (zmq_z85_encode, zmq_z85_decode, zmq_curve_public); this module
 * checks the arguments and words the errors.
 */
import { arity, messages } from "./errors.js"
import { native } from "./native.js"

/** RFC 32's alphabet: 85 printable characters, no quotes, backslash or space. */
const alphabet = /^[0-9a-zA-Z.\-:+=^!/*?&<>()[\]{}@%$#]*$/

/** The bytes of any binary value, as a Uint8Array over the same memory. */
function bytesOf(data: unknown, what: string): Uint8Array {
  if (data instanceof Uint8Array) return data
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && data instanceof SharedArrayBuffer))
    return new Uint8Array(data)
  throw new TypeError(`${what} must be a Buffer, TypedArray, DataView or ArrayBuffer`)
}

/**
 * zeromq-turbo's addition: encodes bytes as Z85 text (zmq_z85_encode, ZeroMQ RFC 32), five
 * characters for every four bytes: the text form of CURVE keys.
 *
 * ```typescript
 * zmq.z85Encode(Buffer.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])) // "HelloWorld"
 * ```
 *
 * Throws a TypeError for a value that is not binary, a RangeError when its length is not a
 * multiple of 4.
 *
 * @param data The bytes (a Buffer, TypedArray, DataView, ArrayBuffer or SharedArrayBuffer).
 * @returns The Z85 text.
 */
export function z85Encode(data: ArrayBufferView | ArrayBuffer | SharedArrayBuffer): string {
  arity(arguments.length, 1)
  const bytes = bytesOf(data, "Data")
  if (bytes.length % 4 !== 0) {
    throw new RangeError(`Z85 encodes whole groups of 4 bytes; ${bytes.length} is not a multiple of 4`)
  }
  const text = native.z85Encode(bytes)
  // libzmq fails only for a length that is not a multiple of 4, which was checked above.
  if (text === null) throw new RangeError("Z85 encoding failed")
  return text
}

/**
 * zeromq-turbo's addition: decodes Z85 text (zmq_z85_decode, ZeroMQ RFC 32) into a Buffer of
 * four bytes for every five characters, e.g. a 40-character CURVE key into its 32 bytes.
 *
 * ```typescript
 * zmq.z85Decode("HelloWorld") // <Buffer 86 4f d2 6f b5 59 f7 5b>
 * ```
 *
 * Throws a TypeError for a value that is not a string, a RangeError when its length is not a
 * multiple of 5, it has a character outside the Z85 alphabet, or a group of five encodes more
 * than 32 bits.
 *
 * @param text The Z85 text.
 * @returns The bytes.
 */
export function z85Decode(text: string): Buffer {
  arity(arguments.length, 1)
  if (typeof text !== "string") throw new TypeError(messages.dataType)
  if (text.length % 5 !== 0) {
    throw new RangeError(`Z85 decodes whole groups of 5 characters; ${text.length} is not a multiple of 5`)
  }
  if (!alphabet.test(text)) {
    const index = [...text].findIndex(character => !alphabet.test(character))
    throw new RangeError(`Invalid Z85 character ${JSON.stringify([...text][index])} at position ${index}`)
  }
  const bytes = native.z85Decode(text)
  // With the length and the alphabet checked, libzmq rejects only a group above 0xffffffff.
  if (bytes === null) throw new RangeError("Invalid Z85 string: a group of 5 characters encodes more than 32 bits")
  return bytes
}

/**
 * A CURVE key as its 40-character Z85 text, from the Z85 text or the 32 raw bytes (the two forms
 * libzmq accepts for key options). `what` names the argument in errors.
 */
export function curveKeyText(key: unknown, what: string): string {
  if (typeof key === "string") {
    if (key.length !== 40) throw new RangeError(`${what} must be 40 Z85 characters or 32 bytes`)
    z85Decode(key)
    return key
  }
  let bytes: Uint8Array
  try {
    bytes = bytesOf(key, what)
  } catch {
    throw new TypeError(`${what} must be a string or a Buffer, TypedArray, DataView or ArrayBuffer`)
  }
  if (bytes.length !== 32) throw new RangeError(`${what} must be 40 Z85 characters or 32 bytes`)
  return z85Encode(bytes)
}

/**
 * zeromq-turbo's addition: the CURVE public key that belongs to a secret key
 * (zmq_curve_public), as 40 Z85 characters: what a server whose secret key is stored can hand
 * to its clients.
 *
 * ```typescript
 * const { publicKey, secretKey } = zmq.curveKeyPair()
 * zmq.curvePublicKey(secretKey) === publicKey // true
 * ```
 *
 * Throws a TypeError for a key that is not a string or bytes, a RangeError for one that is not
 * 40 Z85 characters or 32 bytes, and an `ENOTSUP` error
 * when libzmq was built without CURVE.
 *
 * @param secretKey The secret key: 40 Z85 characters or its 32 raw bytes.
 * @returns The public key.
 */
export function curvePublicKey(secretKey: string | ArrayBufferView | ArrayBuffer): string {
  arity(arguments.length, 1)
  const publicKey = native.curvePublic(curveKeyText(secretKey, "Secret key"))
  // The key was checked as Z85 above; libzmq has nothing else to reject.
  if (publicKey === null) throw new RangeError("Secret key was rejected by zmq_curve_public()")
  return publicKey
}
