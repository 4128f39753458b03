// z85Encode(), z85Decode() (ZeroMQ RFC 32) and curvePublicKey(): zeromq-turbo's additions.
import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { turbo as zmq } from "../support/load.js"
import { track } from "../support/track.js"

// RFC 32's test vector.
const vectorBytes = Buffer.from([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])
const vectorText = "HelloWorld"

describe("z85Encode()", () => {
  it("encodes RFC 32's test vector", () => {
    expect(zmq.z85Encode(vectorBytes)).toBe(vectorText)
  })

  it("encodes the bytes of a Uint8Array, a DataView and an ArrayBuffer alike", () => {
    const bytes = new Uint8Array(vectorBytes)
    const view = new DataView(new Uint8Array([0, ...vectorBytes, 0]).buffer, 1, 8)
    expect([zmq.z85Encode(bytes), zmq.z85Encode(view), zmq.z85Encode(bytes.buffer)]).toEqual(Array(3).fill(vectorText))
  })

  it("encodes no bytes as the empty string", () => {
    expect(zmq.z85Encode(Buffer.alloc(0))).toBe("")
  })

  it("throws a TypeError for a value that is not binary", () => {
    for (const value of ["HelloWorld", 42, null, undefined, [1, 2, 3, 4]]) {
      expect(() => zmq.z85Encode(value as unknown as Buffer)).toThrow(TypeError)
    }
  })

  it("throws a RangeError when the length is not a multiple of 4", () => {
    expect(() => zmq.z85Encode(Buffer.alloc(7))).toThrow(
      new RangeError("Z85 encodes whole groups of 4 bytes; 7 is not a multiple of 4"),
    )
  })
})

describe("z85Decode()", () => {
  it("decodes RFC 32's test vector", () => {
    expect(zmq.z85Decode(vectorText)).toEqual(vectorBytes)
  })

  it("returns a Buffer", () => {
    expect(Buffer.isBuffer(zmq.z85Decode(vectorText))).toBe(true)
  })

  it("round-trips random bytes of every length from 0 to 128 that is a multiple of 4", () => {
    for (let length = 0; length <= 128; length += 4) {
      const bytes = randomBytes(length)
      const text = zmq.z85Encode(bytes)
      expect(text.length).toBe((length / 4) * 5)
      expect(zmq.z85Decode(text)).toEqual(bytes)
    }
  })

  it("decodes a curveKeyPair() key to 32 bytes and encodes it back", () => {
    const { publicKey } = zmq.curveKeyPair()
    const raw = zmq.z85Decode(publicKey)
    expect(raw.length).toBe(32)
    expect(zmq.z85Encode(raw)).toBe(publicKey)
  })

  it("throws a TypeError for a value that is not a string", () => {
    for (const value of [vectorBytes, 42, null, undefined]) {
      expect(() => zmq.z85Decode(value as unknown as string)).toThrow(new TypeError("Data must be a string"))
    }
  })

  it("throws a RangeError when the length is not a multiple of 5", () => {
    expect(() => zmq.z85Decode("Hello")).not.toThrow()
    expect(() => zmq.z85Decode("HelloWorl")).toThrow(
      new RangeError("Z85 decodes whole groups of 5 characters; 9 is not a multiple of 5"),
    )
  })

  it("throws a RangeError for a character outside the Z85 alphabet", () => {
    for (const [text, character, position] of [
      ["Hell ", " ", 4],
      ['Hel"o', '"', 3],
      ["He\\lo", "\\", 2],
      ["H\0llo", "\0", 1],
      ["\u00e9ello", "\u00e9", 0],
      ["~elloHello", "~", 0],
    ] as const) {
      expect(() => zmq.z85Decode(text)).toThrow(
        new RangeError(`Invalid Z85 character ${JSON.stringify(character)} at position ${position}`),
      )
    }
  })

  it("throws a RangeError for a group of five characters above 0xffffffff", () => {
    // "%nSc0" is 0xffffffff; "%nSc1" one more.
    expect(zmq.z85Decode("%nSc0")).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]))
    expect(() => zmq.z85Decode("%nSc1")).toThrow(
      new RangeError("Invalid Z85 string: a group of 5 characters encodes more than 32 bits"),
    )
  })
})

describe("curvePublicKey()", () => {
  it("derives the public key of a curveKeyPair() secret key", () => {
    const { publicKey, secretKey } = zmq.curveKeyPair()
    expect(zmq.curvePublicKey(secretKey)).toBe(publicKey)
  })

  it("derives it from the secret key's 32 raw bytes too", () => {
    const { publicKey, secretKey } = zmq.curveKeyPair()
    expect(zmq.curvePublicKey(zmq.z85Decode(secretKey))).toBe(publicKey)
  })

  it("derives zmq_curve(7)'s example public key from its secret key", () => {
    expect(zmq.curvePublicKey("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs")).toBe(
      "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID",
    )
  })

  it("throws a TypeError for a key that is neither text nor bytes", () => {
    for (const value of [42, null, undefined, {}]) {
      expect(() => zmq.curvePublicKey(value as unknown as string)).toThrow(TypeError)
    }
  })

  it("throws a RangeError for a key of the wrong length or not in Z85", () => {
    const { secretKey } = zmq.curveKeyPair()
    for (const value of [secretKey.slice(0, 35), secretKey + "00000", Buffer.alloc(31), " " + secretKey.slice(1)]) {
      expect(() => zmq.curvePublicKey(value)).toThrow(RangeError)
    }
  })
})

describe("CURVE key options", () => {
  // libzmq takes a key as 40 Z85 characters (41 with a NUL) or as 32 raw bytes; the options pass
  // strings and Buffers through, so both forms work wherever a key is set.
  it("connect with every key given as 32 raw bytes", async () => {
    const server = zmq.curveKeyPair()
    const client = zmq.curveKeyPair()
    const raw = (key: string) => zmq.z85Decode(key)
    const pull = track(new zmq.Pull({ linger: 0, curveServer: true, curveSecretKey: raw(server.secretKey) }))
    const push = track(
      new zmq.Push({
        linger: 0,
        curveServerKey: raw(server.publicKey),
        curvePublicKey: new Uint8Array(raw(client.publicKey)),
        curveSecretKey: raw(client.secretKey),
      } as object),
    )
    await pull.bind("tcp://127.0.0.1:*")
    push.connect(pull.lastEndpoint!)
    await push.send("over raw keys")
    expect((await pull.receive()).map(String)).toEqual(["over raw keys"])
    expect(pull.securityMechanism).toBe("curve")
  })

  it("connect with a Z85 server key and raw client keys", async () => {
    const server = zmq.curveKeyPair()
    const client = zmq.curveKeyPair()
    const pull = track(new zmq.Pull({ linger: 0, curveServer: true, curveSecretKey: server.secretKey }))
    const push = track(
      new zmq.Push({
        linger: 0,
        curveServerKey: server.publicKey,
        curvePublicKey: zmq.z85Decode(client.publicKey),
        curveSecretKey: zmq.z85Decode(client.secretKey),
      } as object),
    )
    await pull.bind("tcp://127.0.0.1:*")
    push.connect(pull.lastEndpoint!)
    await push.send("mixed")
    expect((await pull.receive()).map(String)).toEqual(["mixed"])
  })

  it("throw EINVAL for a key of another length", () => {
    const socket = track(new zmq.Dealer())
    for (const key of [Buffer.alloc(31), Buffer.alloc(33), "0".repeat(39)]) {
      expect(() => {
        socket.curveServerKey = key as unknown as string
      }).toThrow(expect.objectContaining({ code: "EINVAL", errno: 22 }))
    }
  })
})
