// Multithreaded server: five worker threads answer hwclient's requests on tcp://*:5555.
//
// The main thread binds a ROUTER for the clients and a DEALER on inproc://workers, starts five
// worker_threads and joins the two sockets with a Proxy. Each worker connects a REP socket to
// inproc://workers and works a second per request, so five clients are served at once. inproc
// only connects sockets of one libzmq context: the default context is one for the whole process,
// shared by the main thread and every worker thread, so every thread simply uses it. Each worker
// tells the main thread when it is connected, and the server says it is serving once all are.
import { once } from "node:events"
import { Worker, isMainThread, parentPort, threadId } from "node:worker_threads"
import * as zmq from "zeromq-turbo"
import { bindAddress, sleep } from "./zhelpers.js"

async function worker() {
  const receiver = new zmq.Reply()
  receiver.connect("inproc://workers")
  parentPort!.postMessage("connected")
  for await (const [request] of receiver) {
    console.log(`Received request: [${request}] (worker thread ${threadId})`)
    await sleep(1000) // do some 'work'
    await receiver.send("World")
  }
}

async function main() {
  const clients = new zmq.Router()
  await clients.bind(bindAddress(5555))
  const workers = new zmq.Dealer()
  await workers.bind("inproc://workers")

  const threads = Array.from({ length: 5 }, () => new Worker(__filename))
  await Promise.all(threads.map(thread => once(thread, "message")))
  console.log(`Serving ${bindAddress(5555)} with 5 worker threads`)
  await new zmq.Proxy(clients, workers).run()
}

if (isMainThread) main()
else worker()
