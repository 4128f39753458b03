// Proxy: zmq_proxy_steerable() on a thread of its own. What it forwards, how it is steered,
// what happens to its sockets, its errors (zeromq.js's), that running proxies leave libuv's
// threadpool alone, and how processes and workers with a running proxy exit.
import { promises as fs } from "node:fs"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import type { Proxy as AnyProxy, Socket as AnySocket } from "zeromq-turbo"
import { evaluate, killAll } from "../support/child.js"
import { turbo as zmq } from "../support/load.js"

const open: AnySocket[] = []
const running = new Map<AnyProxy, Promise<void>>()

function track<S extends AnySocket>(socket: S): S {
  open.push(socket)
  return socket
}

/** run(), remembered so that afterEach can terminate a proxy a failed test left running. */
function run(proxy: AnyProxy): Promise<void> {
  const done = proxy.run()
  const settled = done.then(
    () => undefined,
    () => undefined,
  )
  running.set(proxy, settled)
  void settled.then(() => running.delete(proxy))
  return done
}

afterEach(async () => {
  // Terminate first: closing a socket of a running proxy is deferred until it ends.
  for (const [proxy, settled] of running) {
    proxy.terminate()
    await settled
  }
  for (const socket of open.splice(0)) socket.close()
  killAll()
})

let inprocCount = 0
const inproc = () => `inproc://proxy-test-${process.pid}-${++inprocCount}`

/** A Pull -> Push proxy with a producer on its front-end and a consumer on its back-end. */
async function pipeline(transport: "tcp" | "inproc" = "tcp") {
  const proxy = new zmq.Proxy(track(new zmq.Pull()), track(new zmq.Push()))
  await proxy.frontEnd.bind(transport === "tcp" ? "tcp://127.0.0.1:*" : inproc())
  await proxy.backEnd.bind(transport === "tcp" ? "tcp://127.0.0.1:*" : inproc())
  const producer = track(new zmq.Push())
  const consumer = track(new zmq.Pull())
  producer.connect(proxy.frontEnd.lastEndpoint as string)
  consumer.connect(proxy.backEnd.lastEndpoint as string)
  return { proxy, producer, consumer }
}

const text = (message: Buffer[]) => message.map(frame => frame.toString())

/** Rejects (failing the test with `what`) if `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not complete within ${ms} ms`)), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

describe("new Proxy()", () => {
  it("throws a TypeError without a front-end socket", () => {
    expect(() => new (zmq.Proxy as unknown as new (...args: unknown[]) => AnyProxy)()).toThrow(
      new TypeError("Front-end must be a socket object"),
    )
  })

  it("throws a TypeError without a back-end socket", () => {
    const front = track(new zmq.Router())
    expect(() => new (zmq.Proxy as unknown as new (...args: unknown[]) => AnyProxy)(front, 1)).toThrow(
      new TypeError("Back-end must be a socket object"),
    )
  })

  it("throws 'Invalid argument' for an object that is not a socket", () => {
    const back = track(new zmq.Dealer())
    let error: unknown
    try {
      new zmq.Proxy({} as AnySocket, back)
    } catch (thrown) {
      error = thrown
    }
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(TypeError)
    expect((error as Error).message).toBe("Invalid argument")
  })

  it("throws a TypeError for a third argument, as zeromq.js does", () => {
    const front = track(new zmq.Router())
    const back = track(new zmq.Dealer())
    expect(() => new (zmq.Proxy as unknown as new (...args: unknown[]) => AnyProxy)(front, back, 3)).toThrow(
      new TypeError("Expected 2 arguments but received 3"),
    )
  })

  it("exposes its sockets as frontEnd and backEnd", () => {
    const front = track(new zmq.Router())
    const back = track(new zmq.Dealer())
    const proxy = new zmq.Proxy(front, back)
    expect(proxy.frontEnd).toBe(front)
    expect(proxy.backEnd).toBe(back)
  })
})

describe("Proxy#run()", () => {
  it("forwards messages from the front-end to the back-end", async () => {
    const { proxy, producer, consumer } = await pipeline("tcp")
    const done = run(proxy)
    await producer.send(["multi", "part"])
    await producer.send("single")
    expect(text(await consumer.receive())).toEqual(["multi", "part"])
    expect(text(await consumer.receive())).toEqual(["single"])
    proxy.terminate()
    await done
  })

  it("forwards requests to the back-end and replies back to the front-end (Router/Dealer)", async () => {
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    await proxy.frontEnd.bind("tcp://127.0.0.1:*")
    await proxy.backEnd.bind("tcp://127.0.0.1:*")
    const client = track(new zmq.Request())
    const worker = track(new zmq.Reply())
    client.connect(proxy.frontEnd.lastEndpoint as string)
    worker.connect(proxy.backEnd.lastEndpoint as string)
    const done = run(proxy)

    await client.send("ping")
    expect(text(await worker.receive())).toEqual(["ping"])
    await worker.send("pong")
    expect(text(await client.receive())).toEqual(["pong"])
    proxy.terminate()
    await done
  })

  it("forwards between sockets of different contexts", async () => {
    const context = new zmq.Context()
    const proxy = new zmq.Proxy(track(new zmq.Pull({ context })), track(new zmq.Push()))
    await proxy.frontEnd.bind(inproc())
    await proxy.backEnd.bind(inproc())
    const producer = track(new zmq.Push({ context }))
    const consumer = track(new zmq.Pull())
    producer.connect(proxy.frontEnd.lastEndpoint as string)
    consumer.connect(proxy.backEnd.lastEndpoint as string)
    const done = run(proxy)
    await producer.send("across contexts")
    expect(text(await consumer.receive())).toEqual(["across contexts"])
    proxy.terminate()
    await done
  })

  it("throws EINVAL when the front-end is neither bound nor connected", async () => {
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    await proxy.backEnd.bind(inproc())
    expect(() => proxy.run()).toThrow(
      expect.objectContaining({ code: "EINVAL", errno: 22, message: "Front-end socket must be bound or connected" }),
    )
  })

  it("throws EINVAL when the back-end is neither bound nor connected", async () => {
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    proxy.frontEnd.connect(inproc())
    expect(() => proxy.run()).toThrow(
      expect.objectContaining({ code: "EINVAL", errno: 22, message: "Back-end socket must be bound or connected" }),
    )
  })

  it("throws EINVAL when a socket was closed", async () => {
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    await proxy.frontEnd.bind(inproc())
    await proxy.backEnd.bind(inproc())
    proxy.frontEnd.close()
    expect(() => proxy.run()).toThrow(
      expect.objectContaining({ code: "EINVAL", message: "Front-end socket must be bound or connected" }),
    )
  })

  it("rejects with EBUSY while the proxy already runs", async () => {
    const { proxy } = await pipeline("inproc")
    const done = run(proxy)
    await expect(proxy.run()).rejects.toMatchObject({ code: "EBUSY", errno: 16, message: "Proxy is already running" })
    proxy.terminate()
    await done
  })

  it("throws EBUSY for a socket that another running proxy uses", async () => {
    const { proxy } = await pipeline("inproc")
    const other = new zmq.Proxy(proxy.frontEnd, track(new zmq.Push()))
    await other.backEnd.bind(inproc())
    const done = run(proxy)
    expect(() => other.run()).toThrow(expect.objectContaining({ code: "EBUSY", errno: 16 }))
    proxy.terminate()
    await done
  })

  it("closes both sockets when the proxy ends", async () => {
    const { proxy } = await pipeline("inproc")
    const done = run(proxy)
    expect([proxy.frontEnd.closed, proxy.backEnd.closed]).toEqual([false, false])
    proxy.terminate()
    await done
    expect([proxy.frontEnd.closed, proxy.backEnd.closed]).toEqual([true, true])
  })

  it("throws EINVAL when run again after the proxy ended (its sockets are closed)", async () => {
    const { proxy } = await pipeline("inproc")
    const done = run(proxy)
    proxy.terminate()
    await done
    expect(() => proxy.run()).toThrow(
      expect.objectContaining({ code: "EINVAL", message: "Front-end socket must be bound or connected" }),
    )
  })
})

describe("the sockets of a running proxy", () => {
  const proxied = { code: "EBUSY", errno: 16, message: "Socket is used by a running proxy" }

  it("throw EBUSY from send, receive, bind and connect, saying that a proxy uses them", async () => {
    const { proxy } = await pipeline("inproc")
    const front = proxy.frontEnd as InstanceType<typeof zmq.Pull>
    const back = proxy.backEnd as InstanceType<typeof zmq.Push>
    const done = run(proxy)
    expect(() => front.receive()).toThrow(expect.objectContaining(proxied))
    expect(() => back.send("x")).toThrow(expect.objectContaining(proxied))
    expect(() => front.bind(inproc())).toThrow(expect.objectContaining(proxied))
    expect(() => back.connect(inproc())).toThrow(expect.objectContaining(proxied))
    proxy.terminate()
    await done
  })

  it("throw EBUSY from option access, which zeromq.js allows while its thread uses the socket", async () => {
    const { proxy } = await pipeline("inproc")
    const done = run(proxy)
    expect(() => proxy.frontEnd.linger).toThrow(expect.objectContaining(proxied))
    expect(() => (proxy.backEnd.linger = 0)).toThrow(expect.objectContaining(proxied))
    proxy.terminate()
    await done
  })

  it("keep forwarding after close() of one of them, which takes effect when the proxy ends", async () => {
    const { proxy, producer, consumer } = await pipeline("inproc")
    const done = run(proxy)
    proxy.frontEnd.close()
    // As in zeromq.js: not closed yet, and still blocked by the proxy.
    expect(proxy.frontEnd.closed).toBe(false)
    expect(() => proxy.frontEnd.connect("inproc://elsewhere")).toThrow(expect.objectContaining(proxied))
    await producer.send("still proxied")
    expect(text(await consumer.receive())).toEqual(["still proxied"])
    proxy.terminate()
    await expect(done).resolves.toBeUndefined()
    expect([proxy.frontEnd.closed, proxy.backEnd.closed]).toEqual([true, true])
  })
})

describe("Proxy#pause() and Proxy#resume()", () => {
  it("pause() stops forwarding and resume() restarts it with the waiting messages", async () => {
    // inproc both ways: a message is in the next socket's queue as soon as send() returns, so
    // an active proxy forwards it at once and the short receive timeout below is meaningful.
    const { proxy, producer, consumer } = await pipeline("inproc")
    const done = run(proxy)
    await producer.send("before")
    expect(text(await consumer.receive())).toEqual(["before"])

    proxy.pause()
    await producer.send("while paused")
    consumer.receiveTimeout = 200
    await expect(consumer.receive()).rejects.toMatchObject({ code: "EAGAIN" })

    proxy.resume()
    consumer.receiveTimeout = -1
    expect(text(await consumer.receive())).toEqual(["while paused"])
    proxy.terminate()
    await done
  })

  it("throw a TypeError for an argument, as zeromq.js does", () => {
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    const loose = proxy as unknown as Record<"run" | "pause" | "resume" | "terminate", (...args: unknown[]) => unknown>
    for (const method of ["run", "pause", "resume", "terminate"] as const) {
      expect(() => loose[method](1)).toThrow(new TypeError("Expected 0 arguments but received 1"))
    }
  })

  it("throw EBADF 'Socket is closed' before run()", () => {
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    const ebadf = expect.objectContaining({ code: "EBADF", errno: 9, message: "Socket is closed" })
    expect(() => proxy.pause()).toThrow(ebadf)
    expect(() => proxy.resume()).toThrow(ebadf)
  })
})

describe("Proxy#terminate()", () => {
  it("resolves run()", async () => {
    const { proxy } = await pipeline("tcp")
    const done = run(proxy)
    proxy.terminate()
    await expect(done).resolves.toBeUndefined()
  })

  it("resolves run() of a paused proxy", async () => {
    const { proxy } = await pipeline("inproc")
    const done = run(proxy)
    proxy.pause()
    proxy.terminate()
    await expect(done).resolves.toBeUndefined()
  })

  it("throws EBADF 'Socket is closed' before run() and after the proxy ended", async () => {
    const { proxy } = await pipeline("inproc")
    const ebadf = expect.objectContaining({ code: "EBADF", errno: 9, message: "Socket is closed" })
    expect(() => proxy.terminate()).toThrow(ebadf)
    const done = run(proxy)
    proxy.terminate()
    await done
    expect(() => proxy.terminate()).toThrow(ebadf)
    expect(() => proxy.pause()).toThrow(ebadf)
  })
})

describe("running proxies and libuv's threadpool", () => {
  it("with 8 proxies running, fs.promises.readFile and socket.bind still complete", async () => {
    // zeromq.js holds a threadpool thread per running proxy: with more proxies than threads
    // (4 by default) every fs call and every bind would wait for a proxy to end.
    const count = Math.max(8, (Number(process.env.UV_THREADPOOL_SIZE) || 4) + 4)
    const pipelines = []
    for (let i = 0; i < count; i++) pipelines.push(await pipeline("inproc"))
    const runs = pipelines.map(({ proxy }) => run(proxy))

    const contents = await within(fs.readFile(fileURLToPath(import.meta.url), "utf8"), 5000, "readFile")
    expect(contents).toContain("with 8 proxies running")
    const socket = track(new zmq.Pull())
    await within(socket.bind("tcp://127.0.0.1:*"), 5000, "bind")
    expect(socket.lastEndpoint).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/)

    // And every proxy was running meanwhile.
    for (const [i, { producer, consumer }] of pipelines.entries()) {
      await producer.send(`through ${i}`)
      expect(text(await consumer.receive())).toEqual([`through ${i}`])
    }
    for (const { proxy } of pipelines) proxy.terminate()
    await Promise.all(runs)
  })
})

// ---- processes and workers --------------------------------------------------------------

/** Runs `script` with `node -e` in the package root; kills it (and fails) after `timeout` ms. */
function node(script: string, options: { execArgv?: string[]; timeout?: number } = {}) {
  return evaluate(script, { timeout: 10_000, ...options })
}

/** Script text: a running Pull -> Push proxy named `proxy` that forwarded one message. */
const runningProxy = `
  const zmq = require("zeromq-turbo")
  async function start(context = zmq.context) {
    const proxy = new zmq.Proxy(new zmq.Pull({ context }), new zmq.Push({ context }))
    await proxy.frontEnd.bind("tcp://127.0.0.1:*")
    await proxy.backEnd.bind("tcp://127.0.0.1:*")
    const producer = new zmq.Push({ context })
    const consumer = new zmq.Pull({ context })
    producer.connect(proxy.frontEnd.lastEndpoint)
    consumer.connect(proxy.backEnd.lastEndpoint)
    const done = proxy.run()
    await producer.send("through")
    const [message] = await consumer.receive()
    console.log("proxied " + message)
    return { proxy, producer, consumer, done }
  }
`

describe("a process with a running proxy", () => {
  it("exits by itself once the proxy was terminated and the other sockets closed", async () => {
    const exit = await node(`${runningProxy}
      start().then(async ({ proxy, producer, consumer, done }) => {
        proxy.terminate()
        await done
        producer.close()
        consumer.close()
        console.log("closed")
      })
    `)
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("proxied through\nclosed\n")
  })

  it("exits promptly and cleanly on process.exit()", async () => {
    const exit = await node(`${runningProxy}
      start().then(() => process.exit(7))
    `)
    expect(exit).toMatchObject({ code: 7, signal: null, stderr: "" })
    expect(exit.stdout).toBe("proxied through\n")
  })

  it("keeps a proxy that is no longer referenced running (it is not collected)", async () => {
    const exit = await node(
      `${runningProxy}
      async function startUnreferenced() {
        const { proxy, producer, consumer, done } = await start()
        return { weak: new WeakRef(proxy), producer, consumer, done }
      }
      startUnreferenced().then(async ({ weak, producer, consumer, done }) => {
        for (let i = 0; i < 5; i++) {
          global.gc()
          await new Promise(resolve => setImmediate(resolve))
        }
        await producer.send("after gc")
        const [message] = await consumer.receive()
        console.log("proxied " + message)
        weak.deref().terminate()
        await done
        producer.close()
        consumer.close()
      })
    `,
      { execArgv: ["--expose-gc"] },
    )
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("proxied through\nproxied after gc\n")
  })
})

describe("a worker with a running proxy", () => {
  /** Starts `body` (which posts "ready") in a worker, terminates it, prints how it ended. */
  const inWorker = (body: string) => `
    const { Worker } = require("node:worker_threads")
    const worker = new Worker(${JSON.stringify(body)}, { eval: true })
    worker.on("error", error => console.log("error " + error.message))
    worker.on("message", async message => {
      console.log(message)
      if (message === "ready") console.log("terminated " + (await worker.terminate()))
    })
  `

  it("exits when terminated, stopping the proxy", async () => {
    const exit = await node(
      inWorker(`${runningProxy}
        start().then(() => require("node:worker_threads").parentPort.postMessage("ready"))
      `),
    )
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    // The worker's own output reaches stdout through the main thread, in no set order.
    expect(exit.stdout.split("\n").sort()).toEqual(["", "proxied through", "ready", "terminated 1"])
  })

  it("exits when the proxy ended just before, with run() not yet settled", async () => {
    // The proxy thread ends while the worker's JS thread is busy until it is terminated, so
    // the completion is still queued then: it is handled while the environment is torn down,
    // when JS can no longer run. A receive that waited since before run() makes giving the
    // front-end back look at it too.
    const exit = await node(
      inWorker(`
        const zmq = require("zeromq-turbo")
        const name = "inproc://proxy-ended-" + process.pid
        ;(async () => {
          const proxy = new zmq.Proxy(new zmq.Pull(), new zmq.Push())
          await proxy.frontEnd.bind(name + "-front")
          await proxy.backEnd.bind(name + "-back")
          const producer = new zmq.Push()
          producer.connect(name + "-front")
          proxy.frontEnd.receive().then(() => console.log("received"), error => console.log(error.code))
          proxy.run().then(() => console.log("settled"))
          proxy.pause()
          for (let i = 0; i < 10; i++) await producer.send("left in the front-end " + i)
          proxy.terminate()
          require("node:worker_threads").parentPort.postMessage("ready")
          for (;;);
        })()
      `),
    )
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout).toBe("ready\nterminated 1\n")
  })

  // zmq_proxy forwards with blocking sends: with a back-end peer that never reads, the proxy
  // thread stays inside a send and does not see TERMINATE. Here the front-end holds 100
  // messages before the proxy starts and the back-end's pipe takes two, so once the idle peer
  // has one the proxy is about to block (or blocked) sending the third.
  it.each(["a context of its own", "the default context"])(
    "exits when terminated while its proxy is blocked sending, in %s",
    async which => {
      const own = which === "a context of its own"
      const exit = await node(
        inWorker(`
        const zmq = require("zeromq-turbo")
        const context = ${own} ? new zmq.Context() : zmq.context
        const name = "inproc://proxy-blocked-" + process.pid
        ;(async () => {
          const proxy = new zmq.Proxy(new zmq.Pull({ context }), new zmq.Push({ context, sendHighWaterMark: 1 }))
          await proxy.frontEnd.bind(name + "-front")
          await proxy.backEnd.bind(name + "-back")
          const idle = new zmq.Pull({ context, receiveHighWaterMark: 1 })
          idle.connect(name + "-back")
          const producer = new zmq.Push({ context })
          producer.connect(name + "-front")
          for (let i = 0; i < 100; i++) await producer.send("message " + i)
          proxy.run()
          while (!idle.readable) await new Promise(resolve => setImmediate(resolve))
          require("node:worker_threads").parentPort.postMessage("ready")
        })()
      `),
      )
      expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
      expect(exit.stdout).toBe("ready\nterminated 1\n")
    },
  )
})
