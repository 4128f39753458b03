// Task worker with a kill switch: taskwork, plus a SUB socket on tcp://localhost:5559 that ends it.
//
// Used with tasksink2, which broadcasts "KILL" once the batch is done. Where the Guide's C
// version polls the two sockets in one loop, here each is read by its own loop: the tasks by a
// `for await`, the control channel by one receive(). Closing the task socket ends its loop.
import * as zmq from "zeromq-turbo"
import { connectAddress, sleep } from "./zhelpers.js"

async function main() {
  const receiver = new zmq.Pull()
  receiver.events.on("handshake", () => console.log("Connected to the ventilator"))
  receiver.connect(connectAddress(5557))
  const sender = new zmq.Push()
  sender.connect(connectAddress(5558))
  const controller = new zmq.Subscriber()
  // A SUB that connects before the sink has bound tries again 100 ms later, and what the sink
  // publishes meanwhile never reaches it (the Guide's slow joiner): this line says KILL will.
  controller.events.on("handshake", () => console.log("Connected to the controller"))
  controller.connect(connectAddress(5559))
  controller.subscribe("")

  const work = (async () => {
    for await (const [task] of receiver) {
      process.stdout.write(`${task}.`)
      await sleep(Number(task))
      await sender.send("")
    }
  })()

  const [command] = await controller.receive()
  receiver.close() // ends the loop above, once the task in hand (if any) is reported
  await work
  console.log(`\nReceived ${command}: exiting`)
  sender.close()
  controller.close()
}

main()
