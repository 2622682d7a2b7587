/* A line-oriented filter: reads standard input until end of file and prints
   each line numbered and reversed, then a summary. */
#include <stdio.h>
#include <string.h>

int main(void) {
  char line[1024];
  int lines = 0;
  long bytes = 0;
  while (fgets(line, sizeof line, stdin)) {
    size_t length = strlen(line);
    bytes += (long)length;
    if (length > 0 && line[length - 1] == '\n') line[--length] = 0;
    for (size_t i = 0; i < length / 2; i++) {
      char swap = line[i];
      line[i] = line[length - 1 - i];
      line[length - 1 - i] = swap;
    }
    printf("%d: %s\n", ++lines, line);
  }
  printf("lines %d bytes %ld eof %d error %d\n", lines, bytes, feof(stdin), ferror(stdin));
  fprintf(stderr, "done\n");
  return 0;
}
