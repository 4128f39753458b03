/* The Guide's weather client in C, for `npm run bench -- --only guide`: what examples/guide/
 * wuclient.ts does, on libzmq alone.
 *
 *   wuclient <connect-to> <zipcode> <updates>
 *
 * A SUB socket subscribed to <zipcode> collects <updates> updates and prints their average
 * temperature and the time they took, from the subscription to the last one, in the same words
 * as wuclient.ts, which is what the bench reads. */
#include <zmq.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char* argv[]) {
  if (argc != 4 || atoi(argv[3]) < 1) {
    fprintf(stderr, "usage: wuclient <connect-to> <zipcode> <updates>\n");
    return 2;
  }
  const char* filter = argv[2];
  const int updates = atoi(argv[3]);
  void* context = zmq_ctx_new();
  void* subscriber = zmq_socket(context, ZMQ_SUB);
  if (zmq_connect(subscriber, argv[1]) != 0 ||
      zmq_setsockopt(subscriber, ZMQ_SUBSCRIBE, filter, strlen(filter)) != 0) {
    fprintf(stderr, "wuclient: %s: %s\n", argv[1], zmq_strerror(zmq_errno()));
    return 1;
  }
  void* watch = zmq_stopwatch_start();

  long total_temperature = 0;
  for (int received = 0; received < updates; received++) {
    char update[64];
    int size = zmq_recv(subscriber, update, sizeof update - 1, 0);
    if (size < 0) {
      fprintf(stderr, "wuclient: zmq_recv: %s\n", zmq_strerror(zmq_errno()));
      return 1;
    }
    update[size < (int)sizeof update - 1 ? size : (int)sizeof update - 1] = '\0';
    int zipcode, temperature, relhumidity;
    if (sscanf(update, "%d %d %d", &zipcode, &temperature, &relhumidity) != 3) {
      fprintf(stderr, "wuclient: malformed update \"%s\"\n", update);
      return 1;
    }
    total_temperature += temperature;
  }
  unsigned long elapsed = zmq_stopwatch_stop(watch);

  printf("Average temperature for zipcode '%s' was %dF\n", filter, (int)(total_temperature / updates));
  printf("Received %d updates in %.3f s\n", updates, elapsed / 1e6);
  zmq_close(subscriber);
  zmq_ctx_term(context);
  return 0;
}
