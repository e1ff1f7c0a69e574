// SPDX-License-Identifier: GPL-2.0
/* A user of shared_lib.c: a driver that includes it with its settings. */
#define SHL_NAME	"sni_shl"
#define SHL_RX_BYTES	2048
#include "shared_lib.c"

int sni_shl_probe(struct shl_private *lp);
int sni_shl_probe(struct shl_private *lp)
{
	return shl_init(lp);
}

void sni_shl_remove(struct shl_private *lp);
void sni_shl_remove(struct shl_private *lp)
{
	shl_exit(lp);
}

int sni_shl_rx(struct shl_private *lp, u8 *out);
int sni_shl_rx(struct shl_private *lp, u8 *out)
{
	return shl_receive(lp, out);
}
