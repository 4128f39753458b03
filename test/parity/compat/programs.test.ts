// Whole v5 programs in child processes (fixtures/), the shapes of the ZeroMQ Guide's Node
// examples that zeromq.js's compat layer breaks: each runs unchanged against
// zeromq-turbo/v5-compat and against zeromq@5, with the same result. zeromq.js is not run: its
// send() only queues in JS, so these programs lose messages or publish nothing (the sink or
// subscriber would wait until the test's deadline).
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, afterEach, describe, expect, it } from "vitest"
import { killAll, start } from "../../support/child.js"
import { turbo as zmq } from "../../support/load.js"
import { zeromq5Path } from "../../support/zeromq5.js"

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

/** What a fixture loads as its first argument: our entry point, or zeromq@5's directory. */
const modules: [string, string | undefined][] = [
  ["zeromq-turbo/v5-compat", "zeromq-turbo/v5-compat"],
  ["zeromq@5", zeromq5Path],
]

const sockets: { close(): void }[] = []
const ipcDir = mkdtempSync(join(tmpdir(), "zmqt-compat-"))
let ipcCount = 0
const ipc = (): string => `ipc://${ipcDir}/${++ipcCount}.sock`

afterEach(() => {
  killAll()
  for (const socket of sockets.splice(0)) socket.close()
})

afterAll(() => rmSync(ipcDir, { recursive: true, force: true }))

describe.each(modules)("v5 programs on %s", (name, module) => {
  const run = module === undefined ? it.skip : it

  run("a ventilator that sends 100 tasks and then calls process.exit() delivers all 100", async () => {
    const sink = new zmq.Pull()
    sockets.push(sink)
    const endpoint = ipc()
    await sink.bind(endpoint)
    const ventilator = start(fixture("ventilator.cjs"), [module as string, endpoint, "100"])
    const tasks: string[] = []
    while (tasks.length < 100) {
      const [task] = await sink.receive()
      tasks.push(task.toString())
    }
    expect(tasks).toEqual(Array.from({ length: 100 }, (_, i) => `task ${i}`))
    expect(await ventilator.exited).toMatchObject({ code: 0, signal: null, stdout: "sent 100\n" })
  })

  run("a publisher in a loop that never yields is received by a subscriber", async () => {
    const endpoint = ipc()
    const publisher = start(fixture("publisher.cjs"), [module as string, endpoint])
    await publisher.line(/^bound$/)
    const subscriber = new zmq.Subscriber()
    sockets.push(subscriber)
    subscriber.connect(endpoint)
    subscriber.subscribe("tick")
    const [tick] = await subscriber.receive()
    expect(tick.toString()).toMatch(/^tick \d+$/)
    expect(publisher.running).toBe(true)
    publisher.process.kill("SIGKILL")
    expect(await publisher.exited).toMatchObject({ signal: "SIGKILL" })
  })

  run("a KILL broadcast just before process.exit() reaches every worker", async () => {
    const [results, control] = [ipc(), ipc()]
    const sink = start(fixture("kill-sink.cjs"), [module as string, results, control, "3"])
    await sink.line(/^bound$/)
    const workers = ["w1", "w2", "w3"].map(worker =>
      start(fixture("kill-worker.cjs"), [module as string, results, control, worker]),
    )
    expect(await sink.exited).toMatchObject({ code: 0, signal: null, stdout: "bound\nkilled\n" })
    const exits = await Promise.all(workers.map(worker => worker.exited))
    expect(exits.map(exit => [exit.code, exit.stdout])).toEqual([
      [0, "w1 got KILL\n"],
      [0, "w2 got KILL\n"],
      [0, "w3 got KILL\n"],
    ])
  })
})
