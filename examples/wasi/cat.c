// Copies standard input, then each file named on the command line, to standard output, with a
// count of the bytes on standard error. Build: clang-16 --target=wasm32-wasi -O2 -o cat.wasm cat.c
#include <stdio.h>

static long copy(FILE *from) {
  char buf[4096];
  size_t n;
  long total = 0;
  while ((n = fread(buf, 1, sizeof buf, from)) > 0) total += (long)fwrite(buf, 1, n, stdout);
  return total;
}

int main(int argc, char **argv) {
  long total = copy(stdin);
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "r");
    if (f == NULL) {
      perror(argv[i]);
      return 2;
    }
    total += copy(f);
    fclose(f);
  }
  fprintf(stderr, "%ld bytes\n", total);
  return 0;
}
