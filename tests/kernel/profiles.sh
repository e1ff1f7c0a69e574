# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # sourced: the scripts that source it read these
#
# What check-kernel.sh builds, per architecture: the kbuild ARCH and
# cross compiler, the defconfig, the options to turn on (SYMBOL=m for a
# module where Kconfig allows one, SYMBOL=y for bools), and the kbuild
# targets to check (a folder ending in / or a single object).
#
# The drivers are the 6.1 users of dma_alloc_noncoherent(),
# dma_alloc_pages() and dma_alloc_noncontiguous() (git grep -w in the
# tree), plus the non-coherent drivers upstream converted off
# dma_cache_sync() (MIPS ip22, parisc).

KARCHES="x86_64 mips parisc"
declare -A KARCH KCROSS KDEFCONFIG KOPTS KTARGETS

# x86_64: firewire-ohci (dma_alloc_pages), uvcvideo and stk1160
# (dma_alloc_noncontiguous), cdns3 gadget (dma_alloc_noncoherent),
# videobuf2-dma-contig (noncontiguous, pulled in by vimc), the DRM GEM DMA
# helper (noncoherent, pulled in by the MIPI DBI panel driver) and ALSA's
# memalloc (both).  Then, as a false-positive guard, network drivers of
# the defconfig that use the streaming API heavily (map, sync, unmap on
# every packet): e1000, e1000e, the Realtek drivers, tg3, sky2, forcedeth.
KARCH[x86_64]=x86_64
KCROSS[x86_64]=
KDEFCONFIG[x86_64]=x86_64_defconfig
KOPTS[x86_64]="FIREWIRE=m FIREWIRE_OHCI=m
	MEDIA_SUPPORT=m MEDIA_SUPPORT_FILTER=y MEDIA_CAMERA_SUPPORT=y
	MEDIA_ANALOG_TV_SUPPORT=y MEDIA_TEST_SUPPORT=y MEDIA_USB_SUPPORT=y
	VIDEO_DEV=m USB_VIDEO_CLASS=m VIDEO_STK1160_COMMON=m VIDEO_STK1160=m
	V4L_TEST_DRIVERS=y VIDEO_VIMC=m VIDEOBUF2_DMA_CONTIG=m
	USB_GADGET=m USB_CDNS_SUPPORT=m USB_CDNS3=m USB_CDNS3_GADGET=y
	SPI=y DRM_PANEL_MIPI_DBI=m DRM_GEM_DMA_HELPER=m
	SND=y
	E1000=y E1000E=y R8169=y 8139TOO=y TIGON3=y SKY2=y FORCEDETH=y"
KTARGETS[x86_64]="drivers/firewire/ drivers/media/usb/uvc/
	drivers/media/usb/stk1160/ drivers/usb/cdns3/
	drivers/media/common/videobuf2/videobuf2-dma-contig.o
	drivers/gpu/drm/drm_gem_dma_helper.o sound/core/memalloc.o
	drivers/net/ethernet/intel/e1000/ drivers/net/ethernet/intel/e1000e/
	drivers/net/ethernet/realtek/ drivers/net/ethernet/broadcom/tg3.o
	drivers/net/ethernet/marvell/sky2.o drivers/net/ethernet/nvidia/forcedeth.o"

# MIPS Indy/Indigo2: the Seeq ethernet, the WD33C93 SCSI glue and the
# HAL2 sound driver, all converted off dma_cache_sync() in 5.10/5.11.
KARCH[mips]=mips
KCROSS[mips]=mips-linux-gnu-
KDEFCONFIG[mips]=ip22_defconfig
KOPTS[mips]="NETDEVICES=y NET_VENDOR_SEEQ=y SGISEEQ=m
	SCSI=y SGIWD93_SCSI=m
	SOUND=m SND=m SND_MIPS=y SND_SGI_HAL2=m"
KTARGETS[mips]="drivers/net/ethernet/seeq/sgiseeq.o drivers/scsi/sgiwd93.o
	sound/mips/hal2.o"

# parisc: the LASI i82596 ethernet (lib82596.c is included by it) and the
# LASI 53c700 SCSI driver with its 53c700 core.
KARCH[parisc]=parisc
KCROSS[parisc]=hppa-linux-gnu-
KDEFCONFIG[parisc]=generic-32bit_defconfig
KOPTS[parisc]="GSC=y GSC_LASI=y NETDEVICES=y NET_VENDOR_I825XX=y LASI_82596=m
	SCSI=y SCSI_LASI700=m"
KTARGETS[parisc]="drivers/net/ethernet/i825xx/lasi_82596.o
	drivers/scsi/lasi700.o drivers/scsi/53c700.o"
