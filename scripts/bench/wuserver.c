/* The Guide's weather server in C, for `npm run bench -- --only guide`: what examples/guide/
 * wuserver.ts does, on libzmq alone, so the bench can set the two ports against the C ceiling.
 *
 *   wuserver <bind-to>
 *
 * A PUB socket publishes "<zipcode> <temperature> <relative humidity>" updates, zip codes
 * random from 00000 to 99999, as fast as it can, until it is killed. It prints one line once it
 * is bound. */
#include <zmq.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int randof(int n) { return (int)((double)n * random() / (RAND_MAX + 1.0)); }

int main(int argc, char* argv[]) {
  if (argc != 2) {
    fprintf(stderr, "usage: wuserver <bind-to>\n");
    return 2;
  }
  void* context = zmq_ctx_new();
  void* publisher = zmq_socket(context, ZMQ_PUB);
  if (zmq_bind(publisher, argv[1]) != 0) {
    fprintf(stderr, "wuserver: zmq_bind %s: %s\n", argv[1], zmq_strerror(zmq_errno()));
    return 1;
  }
  printf("Publishing weather updates on %s\n", argv[1]);
  fflush(stdout);

  srandom((unsigned)time(NULL));
  for (;;) {
    char update[32];
    int length = snprintf(update, sizeof update, "%05d %d %d", randof(100000), randof(215) - 80, randof(50) + 10);
    if (zmq_send(publisher, update, (size_t)length, 0) < 0) {
      fprintf(stderr, "wuserver: zmq_send: %s\n", zmq_strerror(zmq_errno()));
      return 1;
    }
  }
}
