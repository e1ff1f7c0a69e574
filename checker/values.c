// SPDX-License-Identifier: GPL-2.0
/*
 * Small questions about sparse's values that every part asks: what is
 * behind the casts, is it a constant, which bits may it have.
 */
#include "dmacheck.h"

pseudo_t dmc_strip_casts(pseudo_t p)
{
	int depth;

	for (depth = 0; depth < 16 && p && p->type == PSEUDO_REG; depth++) {
		struct instruction *def = p->def;

		switch (def->opcode) {
		case OP_ZEXT: case OP_SEXT: case OP_TRUNC:
		case OP_PTRCAST: case OP_UTPTR: case OP_PTRTU:
		case OP_COPY:
			p = def->src;
			continue;
		default:
			return p;
		}
	}
	return p;
}

bool dmc_pseudo_const(pseudo_t p, long long *val)
{
	p = dmc_strip_casts(p);
	if (!p || p->type != PSEUDO_VAL)
		return false;
	*val = p->value;
	return true;
}

static bool may_have_bits(pseudo_t p, unsigned long long mask, int depth)
{
	struct instruction *def;
	pseudo_t src;

	p = dmc_strip_casts(p);
	if (!p || depth > 8)
		return false;
	if (p->type == PSEUDO_VAL)
		return (unsigned long long)p->value & mask;
	if (p->type == PSEUDO_PHI && p->def && p->def->opcode == OP_PHISOURCE)
		return may_have_bits(p->def->phi_src, mask, depth + 1);
	if (p->type != PSEUDO_REG)
		return false;
	def = p->def;
	switch (def->opcode) {
	case OP_OR:
		return may_have_bits(def->src1, mask, depth + 1) ||
		       may_have_bits(def->src2, mask, depth + 1);
	case OP_SEL:
		return may_have_bits(def->src2, mask, depth + 1) ||
		       may_have_bits(def->src3, mask, depth + 1);
	case OP_PHI:
		FOR_EACH_PTR(def->phi_list, src) {
			if (may_have_bits(src, mask, depth + 1))
				return true;
		} END_FOR_EACH_PTR(src);
		return false;
	default:
		return false;
	}
}

bool dmc_pseudo_may_have_bits(pseudo_t p, unsigned long long mask)
{
	return may_have_bits(p, mask, 0);
}
