import { createHash } from "node:crypto"
import { connect, createServer } from "node:net"
import { describe, expect, it } from "vitest"
import {
  anonymize,
  awaitSubscription,
  bindAddress,
  hex,
  receiveSkipping,
  same,
  settle,
  socketClasses,
  text,
  transports,
} from "../support/parity.js"

// In every scenario the server binds first and the client connects after the bind resolved,
// so no send is pending while the connection is made (zeromq.js never completes a send that
// is pending when the same socket connects over inproc).

describe.each(transports)("delivery over %s", transport => {
  it("PAIR-PAIR delivers in both directions", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Pair())
      const client = track(new zmq.Pair())
      await pair(server, client, transport)
      await client.send(["ping", "1"])
      const request = text(await server.receive())
      await server.send("pong")
      return [request, text(await client.receive())]
    })
    expect(result).toEqual([["ping", "1"], ["pong"]])
  })

  it("PUSH-PULL delivers messages in order", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, transport)
      for (let i = 0; i < 5; i++) await push.send(`message ${i}`)
      const received = []
      for (let i = 0; i < 5; i++) received.push(text(await pull.receive()))
      return received
    })
    expect(result).toHaveLength(5)
  })

  it("REQ-REP completes a request and a reply", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const rep = track(new zmq.Reply())
      const req = track(new zmq.Request())
      await pair(rep, req, transport)
      await req.send(["question", "part 2"])
      const request = text(await rep.receive())
      await rep.send("answer")
      return [request, text(await req.receive())]
    })
    expect(result).toEqual([["question", "part 2"], ["answer"]])
  })

  it("DEALER-ROUTER prefixes the dealer's routing id and routes the reply", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const router = track(new zmq.Router())
      const dealer = track(new zmq.Dealer({ routingId: "dealer-1" }))
      await pair(router, dealer, transport)
      await dealer.send(["a", "b"])
      const request = text(await router.receive())
      await router.send(["dealer-1", "reply"])
      return [request, text(await dealer.receive())]
    })
    expect(result).toEqual([["dealer-1", "a", "b"], ["reply"]])
  })

  it("DEALER-REP exchanges messages with an empty delimiter", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const rep = track(new zmq.Reply())
      const dealer = track(new zmq.Dealer())
      await pair(rep, dealer, transport)
      await dealer.send(["", "question"])
      const request = text(await rep.receive())
      await rep.send("answer")
      return [request, text(await dealer.receive())]
    })
    expect(result).toEqual([["question"], ["", "answer"]])
  })

  it("REQ-ROUTER adds the routing id and an empty delimiter", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const router = track(new zmq.Router())
      const req = track(new zmq.Request({ routingId: "req-1" }))
      await pair(router, req, transport)
      await req.send("question")
      const request = text(await router.receive())
      await router.send(["req-1", "", "answer"])
      return [request, text(await req.receive())]
    })
    expect(result).toEqual([["req-1", "", "question"], ["answer"]])
  })

  it("REQ-ROUTER gives an anonymous peer a 5-byte routing id starting with a zero byte", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const router = track(new zmq.Router())
      const req = track(new zmq.Request())
      await pair(router, req, transport)
      await req.send("question")
      const [id, ...rest] = await router.receive()
      await router.send([id, "", "answer"])
      return { idLength: id.length, idFirstByte: id[0], rest: text(rest), reply: text(await req.receive()) }
    })
    expect(result).toMatchObject({ idLength: 5, idFirstByte: 0 })
  })

  it("DEALER-DEALER delivers in both directions", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Dealer())
      const client = track(new zmq.Dealer())
      await pair(server, client, transport)
      await client.send(["x", "y"])
      const first = text(await server.receive())
      await server.send("z")
      return [first, text(await client.receive())]
    })
    expect(result).toEqual([["x", "y"], ["z"]])
  })

  it("ROUTER-ROUTER routes by the routing ids both sides set", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const server = track(new zmq.Router({ routingId: "server" }))
      const client = track(new zmq.Router({ routingId: "client", mandatory: true }))
      await pair(server, client, transport)
      // With mandatory set, the send waits until the peer named "server" is connected.
      await client.send(["server", "hello"])
      const request = text(await server.receive())
      await server.send(["client", "welcome"])
      return [request, text(await client.receive())]
    })
    expect(result).toEqual([
      ["client", "hello"],
      ["server", "welcome"],
    ])
  })

  it("Router.connect with a routingId names the peer for this router", async () => {
    const result = await same(async ({ zmq, track }) => {
      const server = track(new zmq.Router())
      const client = track(new zmq.Router({ mandatory: true }))
      await server.bind(bindAddress(transport))
      client.connect(server.lastEndpoint!, { routingId: "the-server" })
      await client.send(["the-server", "hello"])
      const [id, ...rest] = await server.receive()
      return { routingIdOption: client.routingId, idLength: id.length, rest: text(rest) }
    })
    expect(result).toEqual({ routingIdOption: null, idLength: 5, rest: ["hello"] })
  })

  it("PUB-SUB delivers only subscribed topics", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pub = track(new zmq.Publisher())
      const sub = track(new zmq.Subscriber())
      sub.subscribe("probe", "news")
      await pair(pub, sub, transport)
      await awaitSubscription(() => pub.send("probe"), sub, "probe")
      await pub.send(["sport", "ignored"])
      await pub.send(["news", "first"])
      await pub.send(["news", "second"])
      return [text(await receiveSkipping(sub, "probe")), text(await sub.receive())]
    })
    expect(result).toEqual([
      ["news", "first"],
      ["news", "second"],
    ])
  })

  it("XPUB-XSUB forwards a subscription message and then matching messages", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const xpub = track(new zmq.XPublisher())
      const xsub = track(new zmq.XSubscriber())
      await pair(xpub, xsub, transport)
      await xsub.send(Buffer.from("\x01topic"))
      const subscription = hex(await xpub.receive())
      await xpub.send(["other", "dropped"])
      await xpub.send(["topic", "kept"])
      return [subscription, text(await xsub.receive())]
    })
    expect(result).toEqual([["01746f706963"], ["topic", "kept"]])
  })

  it("XPUB-SUB receives the subscriber's subscription", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const xpub = track(new zmq.XPublisher())
      const sub = track(new zmq.Subscriber())
      sub.subscribe("t")
      await pair(xpub, sub, transport)
      const subscription = hex(await xpub.receive())
      await xpub.send("t1")
      const received = text(await sub.receive())
      sub.unsubscribe("t")
      return [subscription, received, hex(await xpub.receive())]
    })
    expect(result).toEqual([["0174"], ["t1"], ["0074"]])
  })

  it("XPUB sends its welcome message to a new subscriber", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const xpub = track(new zmq.XPublisher({ welcomeMessage: "hi" }))
      const sub = track(new zmq.Subscriber())
      sub.subscribe("hi")
      await pair(xpub, sub, transport)
      return [hex(await xpub.receive()), text(await sub.receive())]
    })
    expect(result).toEqual([["016869"], ["hi"]])
  })

  it("PUB-XSUB delivers after an explicit subscription message", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pub = track(new zmq.Publisher())
      const xsub = track(new zmq.XSubscriber())
      await pair(pub, xsub, transport)
      await xsub.send(Buffer.from("\x01probe"))
      await xsub.send(Buffer.from("\x01data"))
      await awaitSubscription(() => pub.send("probe"), xsub, "probe")
      await pub.send(["nothing", "dropped"])
      await pub.send(["data", "kept"])
      return text(await receiveSkipping(xsub, "probe"))
    })
    expect(result).toEqual(["data", "kept"])
  })

  it("delivers a multipart message with empty and large frames intact", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, transport)
      const large = Buffer.alloc(256 * 1024, 7)
      await push.send(["", "small", large, Buffer.alloc(0), "end"])
      const message = await pull.receive()
      return message.map(frame => ({
        isBuffer: Buffer.isBuffer(frame),
        length: frame.length,
        sha256: createHash("sha256").update(frame).digest("hex"),
      }))
    })
    expect(result.map(frame => frame.length)).toEqual([0, 5, 256 * 1024, 0, 3])
  })

  it("delivers a thousand messages in order", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, transport)
      const hash = createHash("sha256")
      const sending = (async () => {
        for (let i = 0; i < 1000; i++) await push.send([String(i), Buffer.alloc(i % 300, i % 256)])
      })()
      for (let i = 0; i < 1000; i++) for (const frame of await pull.receive()) hash.update(frame).update("|")
      await sending
      return hash.digest("hex")
    })
    expect(result).toMatch(/^[0-9a-f]{64}$/)
  })

  it("iterates over received messages with for await", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, transport)
      for (const word of ["one", "two", "three"]) await push.send(word)
      const received = []
      for await (const message of pull) {
        received.push(text(message))
        if (received.length === 3) break
      }
      return received
    })
    expect(result).toEqual([["one"], ["two"], ["three"]])
  })
})

describe("STREAM with a raw TCP peer", () => {
  it("reports the connection, exchanges bytes and reports the disconnection", async () => {
    const result = await same(async ({ zmq, track, defer }) => {
      const stream = track(new zmq.Stream())
      await stream.bind("tcp://127.0.0.1:*")
      const port = Number(stream.lastEndpoint!.split(":").pop())
      const peer = connect(port, "127.0.0.1")
      defer(() => peer.destroy())
      const [id, empty] = await stream.receive()
      peer.write("hello")
      const [dataId, data] = await stream.receive()
      const reply = new Promise<string>(resolve => peer.once("data", chunk => resolve(chunk.toString())))
      await stream.send([id, "world"])
      const peerReceived = await reply
      peer.end()
      const [closeId, closeFrame] = await stream.receive()
      return {
        idLength: id.length,
        connectFrame: empty.length,
        sameIdForData: dataId.equals(id),
        data: data.toString(),
        peerReceived,
        sameIdForClose: closeId.equals(id),
        closeFrame: closeFrame.length,
      }
    })
    expect(result).toEqual({
      idLength: 5,
      connectFrame: 0,
      sameIdForData: true,
      data: "hello",
      peerReceived: "world",
      sameIdForClose: true,
      closeFrame: 0,
    })
  })

  it("connects to a raw TCP server and sends to it", async () => {
    const result = await same(async ({ zmq, track, defer }) => {
      const stream = track(new zmq.Stream())
      const received = new Promise<string>((resolve, reject) => {
        const server = createServer(socket => socket.once("data", chunk => resolve(chunk.toString())))
        server.once("error", reject)
        defer(() => new Promise(done => server.close(done)))
        server.listen(0, "127.0.0.1", () => {
          const address = server.address() as { port: number }
          stream.connect(`tcp://127.0.0.1:${address.port}`, { routingId: "raw-server" })
        })
      })
      const [id, empty] = await stream.receive()
      await stream.send(["raw-server", "from zmq"])
      return [id.toString(), empty.length, await received]
    })
    expect(result).toEqual(["raw-server", 0, "from zmq"])
  })
})

describe("message values", () => {
  const arrayBuffer = new Uint8Array([5, 6, 7, 8]).buffer
  const values: [string, unknown][] = [
    ["Buffer", Buffer.from("abc")],
    ["Buffer.subarray", Buffer.from("abcdef").subarray(2, 4)],
    ["Uint8Array", new Uint8Array([1, 2, 3])],
    ["Uint8Array view", new Uint8Array(arrayBuffer, 1, 2)],
    ["Uint16Array (bytes, not elements)", new Uint16Array([1, 0x0203])],
    ["Int32Array", new Int32Array([-1])],
    ["Float64Array", new Float64Array([1.5])],
    ["Uint8ClampedArray", new Uint8ClampedArray([9])],
    ["BigInt64Array", new BigInt64Array([1n])],
    ["ArrayBuffer", arrayBuffer],
    ["empty ArrayBuffer", new ArrayBuffer(0)],
    ["string", "héllo ✓"],
    ["empty string", ""],
    ["integer", 42],
    ["negative float", -1.5],
    ["NaN", NaN],
    ["null", null],
    ["true", true],
    ["false", false],
    ["object", { a: 1 }],
    ["bigint", 5n],
    ["Date", new Date(0)],
  ]

  it.each(values)("sends %s as a single frame", async (_name, value) => {
    await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      await push.send(value as string)
      return hex(await pull.receive())
    })
  })

  it.each(values)("sends %s as a frame of a multipart message", async (_name, value) => {
    await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      await push.send(["first", value as string, "last"])
      return hex(await pull.receive())
    })
  })

  it("converts undefined inside a multipart message to text", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      await push.send(["a", undefined as unknown as string])
      return text(await pull.receive())
    })
    expect(result).toEqual(["a", "undefined"])
  })

  it("converts nested arrays to text", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      await push.send([["a", "b"], [], ["c"]] as unknown as string[])
      return text(await pull.receive())
    })
    expect(result).toEqual(["a,b", "", "c"])
  })

  it("sends nothing for an empty array", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      await push.send([])
      await push.send("after")
      return text(await pull.receive())
    })
    expect(result).toEqual(["after"])
  })

  it("receives every frame as a Buffer in an Array", async () => {
    const result = await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      await pair(pull, push, "tcp")
      await push.send(["a", "", "c".repeat(1000)])
      const message = await pull.receive()
      return [Array.isArray(message), message.map(frame => [frame.constructor.name, frame.length])]
    })
    expect(result).toEqual([
      true,
      [
        ["Buffer", 1],
        ["Buffer", 0],
        ["Buffer", 1000],
      ],
    ])
  })
})

describe("endpoints", () => {
  it.each(["tcp://127.0.0.1:*", "tcp://*:*", "tcp://localhost:*"])(
    "reports lastEndpoint after bind(%j)",
    async address => {
      await same(async ({ zmq, track }) => {
        const socket = track(new zmq.Dealer())
        const bound = await settle(socket.bind(address))
        return [bound, socket.lastEndpoint && anonymize(socket.lastEndpoint)]
      })
    },
  )

  it.each(transports)("reports lastEndpoint after bindSync over %s", async transport => {
    const result = await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      const address = bindAddress(transport)
      socket.bindSync(address)
      return [anonymize(socket.lastEndpoint!), transport === "tcp" || socket.lastEndpoint === address]
    })
    expect(result[1]).toBe(true)
  })

  it("keeps lastEndpoint after unbind", async () => {
    const result = await same(async ({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      await socket.bind("tcp://127.0.0.1:*")
      const endpoint = socket.lastEndpoint
      await socket.unbind(endpoint!)
      return socket.lastEndpoint === endpoint
    })
    expect(result).toBe(true)
  })

  it("reports null as lastEndpoint before any bind or connect", async () => {
    await same(({ zmq, track }) => track(new zmq.Dealer()).lastEndpoint)
  })

  it("reports the connected endpoint as lastEndpoint after connect", async () => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq.Dealer())
      socket.connect("tcp://127.0.0.1:1")
      return socket.lastEndpoint
    })
  })
})

describe("readable and writable", () => {
  it("follow the socket's events as messages and peers come and go", async () => {
    await same(async ({ zmq, track, pair }) => {
      const pull = track(new zmq.Pull())
      const push = track(new zmq.Push())
      const before = [pull.readable, push.writable]
      await pair(pull, push, "inproc")
      const connected = [pull.readable, push.writable]
      await push.send("queued")
      const queued = pull.readable
      await pull.receive()
      return { before, connected, queued, drained: pull.readable }
    })
  })

  it.each(socketClasses)("are the same on a fresh %s", async name => {
    await same(({ zmq, track }) => {
      const socket = track(new zmq[name]())
      return [socket.readable, socket.writable, socket.closed]
    })
  })
})
