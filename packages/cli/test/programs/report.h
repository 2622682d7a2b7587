/* Shared by the test programs: print each step's outcome in a form that does
   not vary between runs (return values, and errno as wasi-libc's text). */
#ifndef REPORT_H
#define REPORT_H
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Prints "LABEL: ok (VALUE)" when EXPR >= 0, else "LABEL: error (ERRNO TEXT)". */
#define REPORT(label, expr)                                                  \
  do {                                                                       \
    errno = 0;                                                               \
    long long report_value_ = (long long)(expr);                             \
    if (report_value_ >= 0)                                                  \
      printf("%s: ok (%lld)\n", (label), report_value_);                     \
    else                                                                     \
      printf("%s: error (%s)\n", (label), strerror(errno));                  \
  } while (0)

/* For functions that return the error number (posix_fadvise...): "LABEL: ok"
   or "LABEL: error (TEXT)". */
#define REPORT_RETURNED(label, expr)                                         \
  do {                                                                       \
    int report_error_ = (expr);                                              \
    if (report_error_ == 0)                                                  \
      printf("%s: ok\n", (label));                                           \
    else                                                                     \
      printf("%s: error (%s)\n", (label), strerror(report_error_));          \
  } while (0)

/* Prints "LABEL: yes" or "LABEL: no" for a property that must hold. */
#define CHECK(label, cond) printf("%s: %s\n", (label), (cond) ? "yes" : "no")

#endif
