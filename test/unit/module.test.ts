import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { reference, turbo as zmq } from "../support/load.js"

const pinned = JSON.parse(readFileSync(new URL("../../deps/libzmq/source.json", import.meta.url), "utf8"))

describe("version", () => {
  it("is the pinned libzmq version", () => {
    expect(zmq.version).toBe(pinned.version)
  })
})

describe("capability", () => {
  it("reports curve, draft and ipc from zmq_has()", () => {
    expect(zmq.capability).toMatchObject({ curve: true, draft: true, ipc: true })
  })

  it("has the same keys as zeromq.js", () => {
    expect(Object.keys(zmq.capability).sort()).toEqual(Object.keys(reference.capability).sort())
  })
})

describe("curveKeyPair()", () => {
  const z85 = /^[0-9a-zA-Z.\-:+=^!/*?&<>()[\]{}@%$#]{40}$/

  it("returns a Z85 public and secret key of 40 characters each", () => {
    const { publicKey, secretKey } = zmq.curveKeyPair()
    expect(publicKey).toMatch(z85)
    expect(secretKey).toMatch(z85)
  })

  it("returns a new key pair on every call", () => {
    expect(zmq.curveKeyPair().secretKey).not.toBe(zmq.curveKeyPair().secretKey)
  })
})
