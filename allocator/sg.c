// SPDX-License-Identifier: GPL-2.0
/*
 * Scatterlist helpers: tables are one flat array with the last entry
 * marked, which is all libdmaref's users need (no chaining).
 */
#include <stdlib.h>
#include <string.h>

#include <linux/scatterlist.h>
#include "internal.h"

void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, nents * sizeof(*sgl));
	if (nents)
		sg_mark_end(&sgl[nents - 1]);
}

/* Host memory (kmalloc, the stack) has no struct page: keep its address. */
void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	struct page *page = virt_to_page(buf);

	sg_set_page(sg, page, buflen, page ? offset_in_page(buf) : 0);
	sg->host = page ? NULL : (void *)buf;
}

void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}

int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp)
{
	memset(table, 0, sizeof(*table));
	if (!nents)
		return -EINVAL;
	table->sgl = calloc(nents, sizeof(*table->sgl));
	if (!table->sgl)
		return -ENOMEM;
	sg_init_table(table->sgl, nents);
	table->nents = table->orig_nents = nents;
	return 0;
}

void sg_free_table(struct sg_table *table)
{
	if (!table)
		return;
	free(table->sgl);
	table->sgl = NULL;
	table->nents = table->orig_nents = 0;
}
