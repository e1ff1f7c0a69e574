/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DMACHECK_DESCRIBE_H
#define DMACHECK_DESCRIBE_H

#include "engine/engine.h"

const char *ck_buf_label(const struct event *ev);
const char *ck_buf_name(const struct buffer *buf);
const char *ck_buf_origin(const struct buffer *buf);
const char *ck_ev_call(const struct event *ev);
const char *ck_kick_name(const struct event *ev);
bool ck_ownership_matters(const struct buffer *buf);
/* Is @text a macro defined at this point of the translation unit? */
bool ck_is_macro_name(const char *text);

#endif
