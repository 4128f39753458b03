// Multiple socket poller: reads tasks and weather updates from two sockets as they arrive.
//
// The same two sockets as msreader, the Node way: where the Guide's C version calls zmq_poll()
// on both, here each socket has its own `for await` loop and the event loop runs them side by
// side. Nothing polls or sleeps: each loop wakes up when its socket has a message.
import * as zmq from "zeromq-turbo"
import { connectAddress } from "./zhelpers.js"

async function main() {
  const receiver = new zmq.Pull()
  receiver.connect(connectAddress(5557))
  const subscriber = new zmq.Subscriber()
  subscriber.connect(connectAddress(5556))
  subscriber.subscribe("10001 ")

  await Promise.all([
    (async () => {
      for await (const [task] of receiver) console.log(`Task: ${task} msec`)
    })(),
    (async () => {
      for await (const [update] of subscriber) console.log(`Weather update: ${update}`)
    })(),
  ])
}

main()
