// SPDX-License-Identifier: GPL-2.0
/*
 * Numbers given on the command line, read strictly: decimal digits only
 * (no sign, blanks, suffix or empty value), inside the option's range,
 * without overflow.  atoi() took "2x" for 2 and "abc" for 0 (a --timeout
 * of "abc" meant no limit at all).
 */
#include <errno.h>
#include <stdlib.h>
#include "util/msg.h"
#include "util/num.h"

/*
 * Store VAL, the value of option OPT, in *out and return 0; or name the
 * option and the value in one line on stderr and return -1.
 */
int parse_int_opt(const char *opt, const char *val, long min, long max,
		  int *out)
{
	char *end;
	long v;

	errno = 0;
	v = *val >= '0' && *val <= '9' ? strtol(val, &end, 10) : -1;
	if (*val < '0' || *val > '9' || *end || errno || v < min || v > max) {
		err("%s: '%s' is not a whole number from %ld to %ld", opt, val,
		    min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}
