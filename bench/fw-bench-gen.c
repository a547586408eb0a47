/* fw-bench-gen.c: writes a large, deterministic survey export for the
 * import benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fw-bench-gen ROWS FILE
 *
 * The columns are those of a real customer export: a response id, a
 * timestamp, the 0-10 score, the unit, the touchpoint, a customer key, a free
 * comment and the spend.  Comments hold commas, doubled quotes and line
 * breaks, so the reader's quoting is exercised on every few rows.  The same
 * ROWS always give the same bytes.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char * const units[] = {
  "Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Eindhoven", "Groningen",
  "Tilburg", "Almere", "Breda", "Nijmegen", "Arnhem", "Haarlem",
};

static const char * const touchpoints[] = {
  "Web shop", "Call centre", "Store", "Delivery", "Returns", "App",
};

/* Plain comments, and ones that need quoting for every reason CSV has. */
static const char * const comments[] = {
  "\"Quick delivery and friendly staff at the counter, thank you all\"",
  "\"Fine, but the parcel was late and the box was damaged on one side\"",
  "\"They said \"\"tomorrow\"\", it took a week before anything arrived\"",
  "\"Good service.\nWould buy again, probably, if the prices stay where they are.\"",
  "",
  "Nothing to add",
  "\"Price is high; quality is good, mostly, though the sizes run small\"",
  "\"Line one\r\nline two, with a comma, and a third clause for good measure\"",
  "The app keeps logging me out whenever I switch to another screen",
  "\"Asked for \"\"help\"\" twice, got it once, and only after waiting\"",
};

/* A small, fixed generator, so that the file never depends on libc's rand(). */
static uint64_t
next_random (uint64_t *state)
{
  uint64_t x = *state;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;
  return x;
}

int
main (int   argc,
      char *argv[])
{
  uint64_t state = 0x9E3779B97F4A7C15ull;
  unsigned long long rows;
  char *end = NULL;
  FILE *out;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s ROWS FILE\n", argv[0]);
      return 2;
    }
  errno = 0;
  rows = strtoull (argv[1], &end, 10);
  if (errno != 0 || end == argv[1] || *end != '\0' || rows == 0)
    {
      fprintf (stderr, "%s: “%s” is not a number of rows\n", argv[0], argv[1]);
      return 2;
    }
  out = fopen (argv[2], "wb");
  if (out == NULL)
    {
      fprintf (stderr, "%s: cannot write %s: %s\n", argv[0], argv[2], strerror (errno));
      return 1;
    }
  setvbuf (out, NULL, _IOFBF, 1 << 20);

  fputs ("Response ID,Date,How likely are you to recommend us to a friend?,Store,"
         "Touchpoint,Customer ID,Comment,Spend\r\n", out);
  for (unsigned long long i = 0; i < rows; i++)
    {
      uint64_t r = next_random (&state);
      unsigned day = (unsigned) (i * 1096 / rows);
      unsigned year = 2022 + day / 366;
      unsigned month = 1 + (unsigned) (r % 12);
      unsigned mday = 1 + (unsigned) ((r >> 4) % 28);
      unsigned hour = (unsigned) ((r >> 9) % 24);
      unsigned minute = (unsigned) ((r >> 14) % 60);
      unsigned second = (unsigned) ((r >> 20) % 60);
      unsigned score = (unsigned) ((r >> 26) % 11);
      unsigned cents = (unsigned) ((r >> 30) % 50000);

      fprintf (out, "R_%010llu,%04u-%02u-%02u %02u:%02u:%02u,%u,%s,%s,C%07u,%s,%u.%02u\r\n",
               i + 1, year, month, mday, hour, minute, second, score,
               units[(r >> 36) % (sizeof units / sizeof units[0])],
               touchpoints[(r >> 40) % (sizeof touchpoints / sizeof touchpoints[0])],
               (unsigned) ((r >> 44) % 250000),
               comments[(r >> 52) % (sizeof comments / sizeof comments[0])],
               cents / 100, cents % 100);
    }

  if (fclose (out) != 0)
    {
      fprintf (stderr, "%s: cannot write %s: %s\n", argv[0], argv[2], strerror (errno));
      return 1;
    }
  return 0;
}
