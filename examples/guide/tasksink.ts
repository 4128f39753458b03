// Task sink: collects the batch's 100 results on tcp://*:5558 and prints how long it took.
//
// Part of the parallel pipeline (taskvent, taskwork, tasksink). The first message, from the
// ventilator, says the batch has started; then every worker's result arrives on the same PULL
// socket, fairly queued from all of them. With one worker the batch takes about as long as the
// ventilator's "total expected cost"; two workers halve it, four quarter it.
import * as zmq from "zeromq-turbo"
import { bindAddress } from "./zhelpers.js"

async function main() {
  const receiver = new zmq.Pull()
  await receiver.bind(bindAddress(5558))

  await receiver.receive() // the start of the batch
  const started = Date.now()

  for (let task = 0; task < 100; task++) {
    await receiver.receive()
    process.stdout.write(task % 10 === 9 ? ":" : ".")
  }
  console.log(`\nTotal elapsed time: ${Date.now() - started} msec`)
  receiver.close()
}

main()
