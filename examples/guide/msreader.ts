// Multiple socket reader: reads tasks and weather updates from two sockets without blocking.
//
// Connects a PULL socket to the task ventilator (tcp://localhost:5557) and a SUB socket to the
// weather server (tcp://localhost:5556, zip code 10001), then takes turns: everything waiting
// on one socket, everything waiting on the other, a millisecond's pause, and again. A receive
// timeout of 0 makes receive() reject with EAGAIN at once when nothing is waiting: this is the
// Guide's "read without blocking" loop, shown for the contrast with mspoller, the Node way.
import * as zmq from "zeromq-turbo"
import { connectAddress, sleep } from "./zhelpers.js"

/** The next message if one is waiting, else undefined. */
async function tryReceive(socket: zmq.Pull | zmq.Subscriber): Promise<Buffer[] | undefined> {
  try {
    return await socket.receive()
  } catch (error) {
    if ((error as { code?: string }).code === "EAGAIN") return undefined
    throw error
  }
}

async function main() {
  const receiver = new zmq.Pull({ receiveTimeout: 0 })
  receiver.connect(connectAddress(5557))
  const subscriber = new zmq.Subscriber({ receiveTimeout: 0 })
  subscriber.connect(connectAddress(5556))
  subscriber.subscribe("10001 ")

  for (;;) {
    for (let task = await tryReceive(receiver); task; task = await tryReceive(receiver)) {
      console.log(`Task: ${task[0]} msec`) // process the task
    }
    for (let update = await tryReceive(subscriber); update; update = await tryReceive(subscriber)) {
      console.log(`Weather update: ${update[0]}`) // process the weather update
    }
    await sleep(1) // no activity, so sleep for 1 msec
  }
}

main()
