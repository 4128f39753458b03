// Multithreaded relay: three threads signal each other in turn over PAIR sockets on inproc.
//
// The main thread binds inproc://step3 and starts step 2; step 2 binds inproc://step2 and starts
// step 1; step 1 connects to step 2 and says READY; step 2 passes it on to the main thread, which
// prints "Test successful!". PAIR sockets connect exactly two threads, which makes them the
// Guide's choice for coordinating threads. Each step binds before it starts the next, so every
// connect finds its peer. The threads are worker_threads, sharing the default context.
import { Worker, isMainThread, workerData } from "node:worker_threads"
import * as zmq from "zeromq-turbo"

async function step1() {
  const xmitter = new zmq.Pair()
  xmitter.connect("inproc://step2")
  await xmitter.send("READY")
  xmitter.close()
}

async function step2() {
  const receiver = new zmq.Pair()
  await receiver.bind("inproc://step2")
  new Worker(__filename, { workerData: "step1" })
  await receiver.receive() // wait for the signal from step 1
  receiver.close()

  const xmitter = new zmq.Pair()
  xmitter.connect("inproc://step3")
  await xmitter.send("READY")
  xmitter.close()
}

async function main() {
  const receiver = new zmq.Pair()
  await receiver.bind("inproc://step3")
  new Worker(__filename, { workerData: "step2" })
  await receiver.receive() // wait for the signal from step 2
  receiver.close()
  console.log("Test successful!")
}

if (isMainThread) main()
else if (workerData === "step2") step2()
else step1()
