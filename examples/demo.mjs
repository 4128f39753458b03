// `npm start`: a tour of zeromq-turbo in one process, over loopback only. It runs the three
// classic patterns, then measures how many small messages per second move through PUSH/PULL,
// and exits when done.
import * as zmq from "zeromq-turbo"

async function requestReply() {
  const server = new zmq.Reply()
  const client = new zmq.Request()
  await server.bind("tcp://127.0.0.1:*")
  client.connect(server.lastEndpoint)
  const serve = (async () => {
    for await (const [name] of server) await server.send(`Hello, ${name}`)
  })()
  for (const name of ["Ada", "Grace"]) {
    await client.send(name)
    const [reply] = await client.receive()
    console.log(`request/reply: ${reply}`)
  }
  client.close()
  server.close()
  await serve
}

async function publishSubscribe() {
  const publisher = new zmq.XPublisher()
  const subscriber = new zmq.Subscriber()
  await publisher.bind("tcp://127.0.0.1:*")
  subscriber.connect(publisher.lastEndpoint)
  subscriber.subscribe("prices.")
  // An XPUB sees the subscription arrive, so nothing is published before anyone listens.
  await publisher.receive()
  for (const [topic, price] of [
    ["prices.EURUSD", "1.0841"],
    ["news.weather", "rain"],
    ["prices.GBPUSD", "1.2702"],
  ]) {
    await publisher.send([topic, price])
  }
  for (let i = 0; i < 2; i++) {
    const [topic, price] = await subscriber.receive()
    console.log(`publish/subscribe: ${topic} = ${price}`)
  }
  subscriber.close()
  publisher.close()
}

async function pipeline() {
  const pull = new zmq.Pull()
  const push = new zmq.Push()
  await pull.bind("tcp://127.0.0.1:*")
  push.connect(pull.lastEndpoint)
  const count = 1_000_000
  const message = Buffer.alloc(16, "x")
  const started = process.hrtime.bigint()
  const producer = (async () => {
    for (let sent = 0; sent < count; sent += 1000) await push.sendBatch(Array(1000).fill(message))
  })()
  let received = 0
  while (received < count) received += (await pull.receiveBatch()).length
  await producer
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  console.log(
    `pipeline: ${count} messages of 16 B in ${seconds.toFixed(2)} s = ${(count / seconds / 1e6).toFixed(2)} M msg/s`,
  )
  push.close()
  pull.close()
}

console.log(`zeromq-turbo on libzmq ${zmq.version}`)
await requestReply()
await publishSubscribe()
await pipeline()
