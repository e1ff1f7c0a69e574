/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Coverage of a whole ring: an init loop writes every entry, then hands
 * over only part of the ring before the device is started.
 */
#include <linux/dma-mapping.h>
#include <linux/io.h>

#define NR 16

struct cdesc {
	u32 status;
	u32 len;
	u32 buf;
	u32 next;
};

struct cpriv {
	struct device *dev;
	void __iomem *mmio;
	struct cdesc *ring;
	dma_addr_t ring_dma;
};

/* Writes 16 entries, hands over entry 0 only. */
void cov_init_bad(struct cpriv *p);
void cov_init_bad(struct cpriv *p)
{
	int i;

	for (i = 0; i < NR; i++) {
		p->ring[i].status = 0x80000000;
		p->ring[i].next = p->ring_dma + (i + 1) % NR * sizeof(struct cdesc);
	}
	dma_sync_single_for_device(p->dev, p->ring_dma, sizeof(struct cdesc),
				   DMA_TO_DEVICE);
	writel(p->ring_dma, p->mmio);	/* expect: missing-sync-for-device */
}

/* Near miss: the whole ring handed over. */
void cov_init_ok(struct cpriv *p);
void cov_init_ok(struct cpriv *p)
{
	int i;

	for (i = 0; i < NR; i++)
		p->ring[i].status = 0x80000000;
	dma_sync_single_for_device(p->dev, p->ring_dma, NR * sizeof(struct cdesc),
				   DMA_TO_DEVICE);
	writel(p->ring_dma, p->mmio);
}

/* Near miss: each entry handed over in the loop. */
void cov_init_each(struct cpriv *p);
void cov_init_each(struct cpriv *p)
{
	int i;

	for (i = 0; i < NR; i++) {
		p->ring[i].status = 0x80000000;
		dma_sync_single_for_device(p->dev, p->ring_dma + i * sizeof(struct cdesc),
					   sizeof(struct cdesc), DMA_TO_DEVICE);
	}
	writel(p->ring_dma, p->mmio);
}

static void c_give(struct cpriv *p, struct cdesc *d)
{
	dma_sync_single_for_device(p->dev, p->ring_dma + ((char *)d - (char *)p->ring),
				   sizeof(*d), DMA_TO_DEVICE);
}

/*
 * The same through a helper that takes a descriptor pointer, next to a
 * sync of the entry an index names: the loop's stores are the whole ring.
 */
void cov_init_helper_bad(struct cpriv *p, unsigned int cur);
void cov_init_helper_bad(struct cpriv *p, unsigned int cur)
{
	int i;

	for (i = 0; i < NR; i++)
		p->ring[i].status = 0x80000000;
	c_give(p, &p->ring[0]);
	c_give(p, &p->ring[cur]);
	writel(p->ring_dma, p->mmio);	/* expect: missing-sync-for-device */
}

/* Near miss: through the helper, each entry. */
void cov_init_helper_ok(struct cpriv *p, unsigned int cur);
void cov_init_helper_ok(struct cpriv *p, unsigned int cur)
{
	int i;

	for (i = 0; i < NR; i++) {
		p->ring[i].status = 0x80000000;
		c_give(p, &p->ring[i]);
	}
	c_give(p, &p->ring[cur]);
	writel(p->ring_dma, p->mmio);
}

/*
 * A table at the start of a larger block (53c700's script in front of
 * its messages and slots): a loop bounded by a constant writes that
 * many entries, and a sync of exactly those hands them all over.
 */
#define SB_TOTAL	4096
static const u32 SB_CODE[64] = { 1, 2, 3 };

struct spriv {
	struct device *dev;
	void __iomem *mmio;
	u32 *script;
	dma_addr_t pscript;
};

/* Near miss: the loop's 64 entries, synced as sizeof(SB_CODE). */
void cov_script_ok(struct spriv *h);
void cov_script_ok(struct spriv *h)
{
	int j;

	for (j = 0; j < ARRAY_SIZE(SB_CODE); j++)
		h->script[j] = SB_CODE[j];
	dma_sync_single_for_device(h->dev, h->pscript, sizeof(SB_CODE), DMA_TO_DEVICE);
	writel(1, h->mmio);
}

/* The same loop with a sync of half of it. */
void cov_script_half(struct spriv *h);
void cov_script_half(struct spriv *h)
{
	int j;

	for (j = 0; j < ARRAY_SIZE(SB_CODE); j++)
		h->script[j] = SB_CODE[j];
	dma_sync_single_for_device(h->dev, h->pscript, sizeof(SB_CODE) / 2, DMA_TO_DEVICE);
	writel(1, h->mmio);	/* expect: missing-sync-for-device */
}

int cov_script_alloc(struct spriv *h);
int cov_script_alloc(struct spriv *h)
{
	h->script = dma_alloc_noncoherent(h->dev, SB_TOTAL, &h->pscript, DMA_TO_DEVICE,
					  GFP_KERNEL);
	return h->script ? 0 : -ENOMEM;
}

int cov_open(struct cpriv *p);
int cov_open(struct cpriv *p)
{
	p->ring = dma_alloc_noncoherent(p->dev, NR * sizeof(struct cdesc), &p->ring_dma,
					DMA_TO_DEVICE, GFP_KERNEL);
	return p->ring ? 0 : -ENOMEM;
}
