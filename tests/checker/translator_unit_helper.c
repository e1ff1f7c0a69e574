/* SPDX-License-Identifier: GPL-2.0 */
/* The translation helper of translator_unit.c, in a file of its own. */
#include "translator_unit.h"

dma_addr_t tu_to_dma(struct tu_host *h, void *p)
{
	return h->pscript + ((unsigned long)p - (unsigned long)h->script);
}
