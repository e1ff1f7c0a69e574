// SPDX-License-Identifier: GPL-2.0
/*
 * Words for messages: what a buffer is called, where it came from, which
 * call did something to it.  Every check words its findings with these,
 * so the same thing reads the same way in every message.
 */
#include <stdint.h>
#include <stdio.h>

#include "checks.h"
#include "token.h"
#include "hashmap.h"

#define NR_BUFS 8

static char *next_buf(void)
{
	static char bufs[NR_BUFS][320];
	static int next;

	return bufs[next++ % NR_BUFS];
}

bool ck_is_macro_name(const char *text)
{
	struct symbol *sym = lookup_symbol(built_in_ident(text), NS_MACRO);

	return sym && sym->namespace == NS_MACRO;
}

const char *ck_buf_label(const struct event *ev)
{
	const char *text;

	if (ev->via)
		return ev->via;
	if (!ev->call && (ev->kind == EV_READ || ev->kind == EV_WRITE)) {
		text = dmc_source_ident(ev->pos);
		/* inside a macro the position is the macro's name */
		if (text && !ck_is_macro_name(text))
			return text;
	}
	if (ev->buf && ev->buf->name)
		return ev->buf->name;
	return "the buffer";
}

const char *ck_buf_name(const struct buffer *buf)
{
	return buf->name ? buf->name : "the buffer";
}

const char *ck_buf_origin(const struct buffer *buf)
{
	char *s;

	if (!buf->api || !buf->origin.line)
		return "";
	s = next_buf();
	snprintf(s, 320, " (buffer from %s() at %s)", buf->api->name, dmc_where(buf->origin));
	return s;
}

const char *ck_ev_call(const struct event *ev)
{
	char *s = next_buf();

	if (ev->call)
		snprintf(s, 320, "%s() at %s", ev->call, dmc_where(ev->pos));
	else
		snprintf(s, 320, "the store at %s", dmc_where(ev->pos));
	return s;
}

const char *ck_kick_name(const struct event *ev)
{
	char *s = next_buf();
	const char *reg;

	if (ev->call) {
		snprintf(s, 320, "%s()", ev->call);
		return s;
	}
	reg = dmc_source_lvalue(ev->pos);
	if (reg)
		snprintf(s, 320, "the register store to '%s'", reg);
	else
		snprintf(s, 320, "the register store");
	return s;
}

/* Only buffers a non-coherent machine would get wrong are judged. */
bool ck_ownership_matters(const struct buffer *buf)
{
	if (buf->coherent)
		return false;
	return buf->api || buf->synced;
}

bool ck_take_told(struct engine_ctx *ctx, int taken_ev)
{
	static struct told_set told = { .cap = 32 };

	return engine_told(ctx, &told, taken_ev);
}

bool ck_take_pos(struct engine_ctx *ctx, const struct event *taken,
		 const struct event *instead, struct position *pos)
{
	if (engine_site(ctx, taken, false, pos, NULL))
		return true;
	*pos = ck_site(ctx, instead);
	return false;
}

struct position ck_site(struct engine_ctx *ctx, const struct event *ev)
{
	struct position p;

	engine_site(ctx, ev, true, &p, NULL);
	return p;
}

const char *ck_take_call(struct engine_ctx *ctx, const struct event *taken)
{
	struct symbol *helper;
	struct position p;
	char *s;

	if (!engine_site(ctx, taken, false, &p, &helper) || !helper || !helper->ident)
		return ck_call_name(taken);
	s = next_buf();
	snprintf(s, 320, "%s() (%s())", dmc_ident_name(helper->ident), taken->call);
	return s;
}

const char *ck_call_name(const struct event *ev)
{
	char *s = next_buf();

	snprintf(s, 320, "%s()", ev->call ? ev->call : "a store");
	return s;
}

/* takes reported where no line of the driver holds them: (position, part) */
struct cause_entry {
	struct hashmap_key key;
};

static struct hashmap causes = HASHMAP_INIT(struct cause_entry);

bool ck_cause_told(const struct event *taken, const struct slot *s)
{
	long long part;

	/* a key local to one function names nothing in another */
	if (s->akey & RESOLVE_KEY_LOCAL)
		return false;
	part = s->akey ? (long long)s->akey : s->lo * 65536 + s->hi;
	part ^= (long long)taken->pos.line << 40 ^ (long long)taken->pos.pos << 24;
	if (hashmap_find(&causes, (void *)(uintptr_t)(taken->pos.stream + 1), part))
		return true;
	hashmap_add(&causes, (void *)(uintptr_t)(taken->pos.stream + 1), part);
	return false;
}

const char *ck_part_label(const struct slot *s, const struct event *taken)
{
	const char *name = s->anchor ? resolve_name(s->anchor, 0) : NULL;

	return name ? name : ck_buf_label(taken);
}
