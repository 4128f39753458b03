// Task sink with a kill switch: tasksink, then "KILL" to every worker over PUB tcp://*:5559.
//
// Used with taskvent and taskwork2: once the batch's 100 results are in, the sink publishes one
// message that makes every taskwork2 exit.
import * as zmq from "zeromq-turbo"
import { bindAddress } from "./zhelpers.js"

async function main() {
  const receiver = new zmq.Pull()
  await receiver.bind(bindAddress(5558))
  const controller = new zmq.Publisher()
  await controller.bind(bindAddress(5559))

  await receiver.receive() // the start of the batch
  const started = Date.now()
  for (let task = 0; task < 100; task++) {
    await receiver.receive()
    process.stdout.write(task % 10 === 9 ? ":" : ".")
  }
  console.log(`\nTotal elapsed time: ${Date.now() - started} msec`)

  await controller.send("KILL")
  receiver.close()
  controller.close()
}

main()
