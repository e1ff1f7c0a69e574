// SPDX-License-Identifier: GPL-2.0
/* Reports: names, counts, the handler (which may call back in), stderr. */
#include <unistd.h>

#include "helpers.h"

static void every_class_has_a_distinct_name(void **state)
{
	int a, b;

	for (a = 0; a < DMAREF_NR_ERROR_CLASSES; a++) {
		const char *name = dmaref_error_class_name(a);

		assert_non_null(name);
		assert_string_not_equal(name, "unknown");
		for (b = 0; b < a; b++)
			assert_string_not_equal(name, dmaref_error_class_name(b));
	}
	assert_string_equal(dmaref_error_class_name(DMAREF_NR_ERROR_CLASSES),
			    "unknown");
	assert_int_equal(dmaref_error_count_class(DMAREF_NR_ERROR_CLASSES), 0);
}

static unsigned long seen_inside;

/* Calls back into the library: reports are delivered with no lock held. */
static void reentrant(const struct dmaref_report *r, void *arg)
{
	struct device *dev = arg;
	dma_addr_t h;
	void *p = dma_alloc_coherent(dev, 64, &h, GFP_KERNEL);

	seen_inside = dmaref_error_count();
	dma_free_coherent(dev, 64, p, h);
}

static void handler_may_call_the_library(void **state)
{
	struct device *dev = new_noncoherent();

	dmaref_set_report_handler(reentrant, dev);
	dma_sync_single_for_cpu(dev, 0x1000, 4, DMA_FROM_DEVICE);
	assert_int_equal(seen_inside, dmaref_error_count());
	assert_int_equal(dmaref_error_count(), 1);
	seen_reset();
	dmaref_device_free(dev);
	assert_no_report();
}

static void a_report_names_buffer_offset_call_and_direction(void **state)
{
	struct device *dev = new_noncoherent();
	dma_addr_t h;
	struct page *pg = dma_alloc_pages(dev, 4096, &h, DMA_BIDIRECTIONAL, GFP_KERNEL);
	u8 *p = page_address(pg);
	char hex[32];

	dma_sync_single_for_device(dev, h, 4096, DMA_BIDIRECTIONAL);
	p[300] = 1;
	dma_sync_single_for_cpu(dev, h, 4096, DMA_BIDIRECTIONAL);
	assert_only_report(DMAREF_ERR_CPU_WRITE_DEVICE_OWNED);
	snprintf(hex, sizeof(hex), "dma 0x%llx", (unsigned long long)h);
	assert_non_null(strstr(seen.r[0].message, hex));
	assert_non_null(strstr(seen.r[0].message, "dma_alloc_pages buffer"));
	assert_non_null(strstr(seen.r[0].message, "offset 300"));
	assert_non_null(strstr(seen.r[0].message, "dma_sync_single_for_cpu(DMA_BIDIRECTIONAL)"));
	assert_non_null(strstr(seen.r[0].message, "[cpu-write-device-owned]"));
	assert_non_null(strstr(seen.r[0].message, "nc0"));
	dma_free_pages(dev, 4096, pg, h, DMA_BIDIRECTIONAL);
	dmaref_device_free(dev);
}

static void default_output_is_one_line_on_stderr(void **state)
{
	struct device *dev = new_noncoherent();
	char out[1024] = "";
	int fds[2], saved;
	ssize_t n;

	dmaref_set_report_handler(NULL, NULL);
	assert_int_equal(pipe(fds), 0);
	saved = dup(2);
	dup2(fds[1], 2);
	dma_unmap_single(dev, DMA_MAPPING_ERROR, 8, DMA_TO_DEVICE);
	dup2(saved, 2);
	close(saved);
	close(fds[1]);
	n = read(fds[0], out, sizeof(out) - 1);
	close(fds[0]);
	assert_true(n > 0);
	out[n] = 0;
	assert_non_null(strstr(out, "DMA-API: nc0: "));
	assert_non_null(strstr(out, "[free-invalid-address]\n"));
	assert_ptr_equal(strchr(out, '\n'), out + n - 1);	/* one line */
	seen_reset();
	dmaref_device_free(dev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(every_class_has_a_distinct_name, setup_machine),
		cmocka_unit_test_setup(handler_may_call_the_library, setup_machine),
		cmocka_unit_test_setup(a_report_names_buffer_offset_call_and_direction, setup_machine),
		cmocka_unit_test_setup(default_output_is_one_line_on_stderr, setup_machine),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
