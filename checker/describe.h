/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMACHECK_DESCRIBE_H
#define DMACHECK_DESCRIBE_H

#include "engine.h"

const char *buf_label(const struct event *ev);
const char *buf_name(const struct buffer *buf);
const char *buf_origin(const struct buffer *buf);
const char *ev_call(const struct event *ev);
const char *kick_name(const struct event *ev);
bool ownership_matters(const struct buffer *buf);
/* Is @text a macro defined at this point of the translation unit? */
bool is_macro_name(const char *text);

#endif
