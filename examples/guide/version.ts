// Prints the version of libzmq this binding runs on.
import * as zmq from "zeromq-turbo"

console.log(`Current 0MQ version is ${zmq.version}`)
