// SPDX-License-Identifier: GPL-2.0
/*
 * Thread safety: interrupt context (a thread raising the line) and process
 * context sync, map, allocate and free at once.  Run under TSan by
 * make check-sanitize.
 */
#include <pthread.h>

#include "helpers.h"

#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define ROUNDS	400
#define SLOTS	16
#define IRQ	5

struct nic {
	struct device *dev;
	u8 *ring;
	dma_addr_t ring_dma;
	spinlock_t lock;
	unsigned int completed;
	unsigned int bad;
};

/* Interrupt handler: takes a slot back, checks what the device wrote. */
static irqreturn_t nic_irq(int irq, void *data)
{
	struct nic *nic = data;
	unsigned long flags;
	unsigned int slot;

	spin_lock_irqsave(&nic->lock, flags);
	slot = nic->completed % SLOTS;
	dma_sync_single_for_cpu(nic->dev, nic->ring_dma + slot * 64, 64,
				DMA_BIDIRECTIONAL);
	if (nic->ring[slot * 64] != (u8)(nic->completed + 1))
		nic->bad++;
	dma_sync_single_for_device(nic->dev, nic->ring_dma + slot * 64, 64,
				   DMA_BIDIRECTIONAL);
	nic->completed++;
	spin_unlock_irqrestore(&nic->lock, flags);
	return IRQ_HANDLED;
}

/* The "hardware": completes slot after slot and raises the interrupt. */
static void *hardware(void *arg)
{
	struct nic *nic = arg;
	unsigned int i;

	for (i = 0; i < ROUNDS; i++) {
		u8 v = i + 1;

		dmaref_device_write(nic->dev, nic->ring_dma + (i % SLOTS) * 64,
				    &v, 1);
		dmaref_raise_irq(IRQ);
	}
	return NULL;
}

/* Process context meanwhile allocates, maps and frees its own buffers. */
static void *process(void *arg)
{
	struct nic *nic = arg;
	unsigned int i;

	for (i = 0; i < ROUNDS; i++) {
		u8 *buf = kmalloc(128, GFP_KERNEL);
		dma_addr_t h, c;
		void *coh;

		h = dma_map_single(nic->dev, buf, 128, DMA_TO_DEVICE);
		if (!dma_mapping_error(nic->dev, h))
			dma_unmap_single(nic->dev, h, 128, DMA_TO_DEVICE);
		coh = dma_alloc_coherent(nic->dev, 2048, &c, GFP_KERNEL);
		if (coh)
			dma_free_coherent(nic->dev, 2048, coh, c);
		kfree(buf);
	}
	return NULL;
}

static void irq_and_process_context_at_once(void **state)
{
	struct nic nic = { 0 };
	pthread_t hw, proc;

	fresh_machine();
	nic.dev = new_noncoherent();
	spin_lock_init(&nic.lock);
	nic.ring = dma_alloc_noncoherent(nic.dev, SLOTS * 64, &nic.ring_dma,
					 DMA_BIDIRECTIONAL, GFP_KERNEL);
	assert_non_null(nic.ring);
	dma_sync_single_for_device(nic.dev, nic.ring_dma, SLOTS * 64,
				   DMA_BIDIRECTIONAL);
	assert_int_equal(request_irq(IRQ, nic_irq, 0, "nic", &nic), 0);
	assert_int_equal(pthread_create(&hw, NULL, hardware, &nic), 0);
	assert_int_equal(pthread_create(&proc, NULL, process, &nic), 0);
	pthread_join(hw, NULL);
	pthread_join(proc, NULL);
	assert_int_equal(nic.completed, ROUNDS);
	assert_int_equal(nic.bad, 0);
	free_irq(IRQ, &nic);
	dma_sync_single_for_cpu(nic.dev, nic.ring_dma, SLOTS * 64,
				DMA_BIDIRECTIONAL);
	dma_free_noncoherent(nic.dev, SLOTS * 64, nic.ring, nic.ring_dma,
			     DMA_BIDIRECTIONAL);
	dmaref_device_free(nic.dev);
	assert_no_report();
}

struct worker {
	struct device *dev;
	unsigned int failures;
};

static void *alloc_worker(void *arg)
{
	struct worker *w = arg;
	unsigned int i;

	for (i = 0; i < ROUNDS; i++) {
		dma_addr_t h;
		size_t size = PAGE_SIZE << (i % 4);
		u8 *p = dma_alloc_noncoherent(w->dev, size, &h, DMA_TO_DEVICE,
					      GFP_KERNEL);
		u8 out;

		if (!p) {
			w->failures++;
			continue;
		}
		p[size - 1] = (u8)i;
		dma_sync_single_for_device(w->dev, h, size, DMA_TO_DEVICE);
		dmaref_device_read(w->dev, h + size - 1, &out, 1);
		w->failures += out != (u8)i;
		dma_free_noncoherent(w->dev, size, p, h, DMA_TO_DEVICE);
	}
	return NULL;
}

static void devices_allocate_in_parallel(void **state)
{
	struct worker w[3];
	pthread_t t[3];
	int i;

	fresh_machine();
	for (i = 0; i < 3; i++) {
		w[i].dev = new_device(i == 2 ? "mmu" : "nc", false, i == 2,
				      DMA_BIT_MASK(32));
		w[i].failures = 0;
		assert_int_equal(pthread_create(&t[i], NULL, alloc_worker, &w[i]), 0);
	}
	for (i = 0; i < 3; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].failures, 0);
		dmaref_device_free(w[i].dev);
	}
	assert_no_report();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(irq_and_process_context_at_once),
		cmocka_unit_test(devices_allocate_in_parallel),
	};

	return cmocka_run_group_tests_name("threads", tests, NULL, NULL);
}
