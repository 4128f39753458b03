// Task ventilator: sends a batch of 100 tasks to the workers connected to tcp://*:5557.
//
// Part of the parallel pipeline (taskvent, taskwork, tasksink). A PUSH socket deals the tasks
// out round-robin to every worker connected at the time, so the ventilator waits for Enter
// while you start the workers: otherwise the first worker to connect would get the whole batch.
// Each task is a workload in milliseconds (1 to 100); the message "0" tells the sink, on
// tcp://localhost:5558, that the batch has started, so it can start its clock.
import { createInterface } from "node:readline/promises"
import * as zmq from "zeromq-turbo"
import { bindAddress, connectAddress, randof } from "./zhelpers.js"

async function main() {
  const sender = new zmq.Push()
  await sender.bind(bindAddress(5557))
  const sink = new zmq.Push()
  sink.connect(connectAddress(5558))

  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  const ended = new Promise(resolve => prompt.once("close", resolve)) // stdin at its end counts as Enter
  await Promise.race([prompt.question("Press Enter when the workers are ready: "), ended])
  prompt.close()
  console.log("Sending tasks to workers…")

  await sink.send("0")
  let totalMsec = 0
  for (let task = 0; task < 100; task++) {
    const workload = randof(100) + 1
    totalMsec += workload
    await sender.send(String(workload))
  }
  console.log(`Total expected cost: ${totalMsec} msec`)

  // The Guide's C version sleeps a second here to let ZeroMQ deliver the batch. Not needed:
  // closed sockets keep their queued messages (linger), and Node exits once they are delivered.
  sender.close()
  sink.close()
}

main()
