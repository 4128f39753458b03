// Task worker: pulls tasks from tcp://localhost:5557, "works" on each, and reports to the sink.
//
// Part of the parallel pipeline (taskvent, taskwork, tasksink). A task is a number of
// milliseconds to sleep; when done, the worker pushes an empty result to the sink on
// tcp://localhost:5558 and prints the workload followed by a dot. Start as many workers as you
// like: the more there are, the sooner the batch is done.
import * as zmq from "zeromq-turbo"
import { connectAddress, sleep } from "./zhelpers.js"

async function main() {
  const receiver = new zmq.Pull()
  // Says when the ventilator can see this worker, i.e. when to press Enter there.
  receiver.events.on("handshake", () => console.log("Connected to the ventilator"))
  receiver.connect(connectAddress(5557))
  const sender = new zmq.Push()
  sender.connect(connectAddress(5558))

  for await (const [task] of receiver) {
    process.stdout.write(`${task}.`) // show progress
    await sleep(Number(task)) // do the work
    await sender.send("") // send the result to the sink
  }
}

main()
