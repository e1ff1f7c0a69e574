// SPDX-License-Identifier: GPL-2.0
/* Registers and interrupt lines of simulated devices. */
#include "helpers.h"

#include <linux/interrupt.h>
#include <linux/io.h>

struct hook_log {
	unsigned int calls;
	unsigned long offset;
	unsigned int size;
	struct device *dev;
};

static void log_write(struct device *dev, unsigned long offset,
		      unsigned int size, void *arg)
{
	struct hook_log *log = arg;

	log->calls++;
	log->offset = offset;
	log->size = size;
	log->dev = dev;
}

static void writes_reach_the_hook_and_the_registers(void **state)
{
	struct device *dev;
	struct hook_log log = { 0 };
	void __iomem *regs;

	fresh_machine();
	dev = new_noncoherent();
	regs = dmaref_iomem_alloc(dev, 64, log_write, &log);
	assert_non_null(regs);
	assert_int_equal(readl(regs + 8), 0);
	writel(0xdeadbeef, regs + 8);
	assert_int_equal(log.calls, 1);
	assert_int_equal(log.offset, 8);
	assert_int_equal(log.size, 4);
	assert_ptr_equal(log.dev, dev);
	assert_int_equal(readl(regs + 8), 0xdeadbeef);
	iowrite16(0x1234, regs + 2);
	assert_int_equal(ioread16(regs + 2), 0x1234);
	writeq(1ULL << 40, regs + 16);
	assert_int_equal(readq(regs + 16), 1ULL << 40);
	writeb_relaxed(7, regs + 1);
	assert_int_equal(readb(regs + 1), 7);
	assert_int_equal(log.calls, 4);
	(void)readl(regs);			/* reads do not call the hook */
	assert_int_equal(log.calls, 4);
	dmaref_iomem_free(regs);
	dmaref_device_free(dev);
	assert_no_report();
}

static void registers_go_with_the_device(void **state)
{
	struct device *dev;

	fresh_machine();
	dev = new_noncoherent();
	assert_non_null(dmaref_iomem_alloc(dev, 16, NULL, NULL));
	assert_null(dmaref_iomem_alloc(dev, 0, NULL, NULL));
	assert_only_report(DMAREF_ERR_INVALID_ARGUMENT);
	dmaref_device_free(dev);		/* frees the block (ASan checks) */
}

static int irq_hits;

static irqreturn_t count_irq(int irq, void *data)
{
	irq_hits += irq;
	return data ? IRQ_HANDLED : IRQ_NONE;
}

static void interrupt_lines(void **state)
{
	int token;

	irq_hits = 0;
	assert_int_equal(dmaref_raise_irq(3), -ENOENT);
	assert_int_equal(request_irq(3, count_irq, 0, "t", &token), 0);
	assert_int_equal(request_irq(3, count_irq, 0, "t", &token), -EBUSY);
	assert_int_equal(request_irq(999, count_irq, 0, "t", &token), -EINVAL);
	assert_int_equal(dmaref_raise_irq(3), 0);
	assert_int_equal(irq_hits, 3);
	free_irq(3, &token);
	assert_int_equal(dmaref_raise_irq(3), -ENOENT);
	assert_int_equal(request_irq(4, count_irq, 0, "t", NULL), 0);
	assert_int_equal(dmaref_raise_irq(4), -ENODATA);	/* IRQ_NONE */
	free_irq(4, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_reach_the_hook_and_the_registers),
		cmocka_unit_test(registers_go_with_the_device),
		cmocka_unit_test(interrupt_lines),
	};

	return cmocka_run_group_tests_name("mmio", tests, NULL, NULL);
}
