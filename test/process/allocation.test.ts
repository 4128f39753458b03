// Bad input and memory pressure give a JS error, never an abort: allocations that fail for real
// in a child process (its address space limited, see the fixture) and sizes checked before
// anything is allocated. Each failure must reject with ENOMEM and leave the process running.
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../support/child.js"
import { turbo as zmq } from "../support/load.js"
import { track } from "../support/track.js"

const fixture = fileURLToPath(new URL("./fixtures/allocation-failure.cjs", import.meta.url))
const canLimit = process.platform === "linux" && spawnSync("prlimit", ["--version"]).status === 0

afterEach(() => killAll())

async function failing(which: string) {
  const child = start(fixture, [which], { timeout: 20_000 })
  const exit = await child.exited
  return { code: exit.code, signal: exit.signal, stdout: exit.stdout.trim(), stderr: exit.stderr }
}

describe.skipIf(!canLimit)("a native allocation that fails", () => {
  it.each([
    ["send() with ENOMEM when libzmq cannot allocate the frame", "frame", "rejected ENOMEM 12 undefined"],
    ["send() with ENOMEM when the array of a message's frames cannot grow", "frames", "rejected ENOMEM 12 undefined"],
    ["sendBatch() with ENOMEM, counting the messages queued before", "batch", "rejected ENOMEM 12 1"],
  ])("rejects %s", async (_, which, stdout) => {
    expect(await failing(which)).toEqual({ code: 0, signal: null, stdout, stderr: "" })
  })
})

describe("a message of more frames than a message may have (2^24)", () => {
  async function connected() {
    const pull = track(new zmq.Pull())
    const push = track(new zmq.Push())
    await pull.bind("inproc://allocation-test-" + process.pid)
    push.connect("inproc://allocation-test-" + process.pid)
    return { push, pull }
  }

  it("rejects send() of a sparse array of 2^32 - 1 frames with ENOMEM at once", async () => {
    const { push, pull } = await connected()
    await expect(push.send(new Array(2 ** 32 - 1))).rejects.toMatchObject({ code: "ENOMEM", errno: 12 })
    await push.send("after")
    expect((await pull.receive()).map(String)).toEqual(["after"])
  })

  it("rejects sendBatch() with ENOMEM, with the messages before it sent", async () => {
    const { push, pull } = await connected()
    await expect(push.sendBatch(["first", new Array(2 ** 32 - 1), "never"])).rejects.toMatchObject({
      code: "ENOMEM",
      sent: 1,
    })
    expect((await pull.receive()).map(String)).toEqual(["first"])
  })
})
