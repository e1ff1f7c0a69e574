# SPDX-License-Identifier: GPL-2.0
"""The round-trip corpus: the drivers upstream converted off the removed
API in 5.10, their files in the Linux 6.1 tree, and how each is built.

  files     the files the reverse transformation rewrites (and the
            forward conversion converts): the driver unit's .c files,
            included .c files and headers that hold legacy sites
  also      files of the unit the build needs unchanged
  arch      the kbuild-<arch> folder the converted files are built in
  objs      the objects to build (the unit's own Kbuild lines)
  model     the files of one driver model run: the unit's compiled .c
            files, together with every other unit that #includes the
            same .c file (docs/model.md); the first one's kbuild command
            line gives the flags
  flags_from  for a driver the configured kbuild folders do not build:
            the driver whose recorded command line is used instead (its
            folder and module name go), with cflags added (@SRC@ is the
            Linux tree)
  groups    spatch file groups: the files one conversion sees together
"""

DRIVERS = {
	"sgiseeq": dict(
		arch="mips",
		files=["drivers/net/ethernet/seeq/sgiseeq.c"],
		also=["drivers/net/ethernet/seeq/sgiseeq.h"],
		objs=["sgiseeq.o"],
		model=["drivers/net/ethernet/seeq/sgiseeq.c"],
		groups=[["drivers/net/ethernet/seeq/sgiseeq.c",
			 "drivers/net/ethernet/seeq/sgiseeq.h"]]),
	"sgiwd93": dict(
		arch="mips",
		files=["drivers/scsi/sgiwd93.c"],
		also=["drivers/scsi/wd33c93.h"],
		objs=["sgiwd93.o"],
		model=["drivers/scsi/sgiwd93.c"],
		groups=[["drivers/scsi/sgiwd93.c"]]),
	"hal2": dict(
		arch="mips",
		files=["sound/mips/hal2.c"],
		also=["sound/mips/hal2.h"],
		objs=["hal2.o"],
		model=["sound/mips/hal2.c"],
		groups=[["sound/mips/hal2.c", "sound/mips/hal2.h"]]),
	"53c700": dict(
		arch="parisc",
		files=["drivers/scsi/53c700.c", "drivers/scsi/53c700.h"],
		also=["drivers/scsi/53c700_d.h_shipped"],
		objs=["53c700.o"],
		model=["drivers/scsi/53c700.c"],
		groups=[["drivers/scsi/53c700.c", "drivers/scsi/53c700.h"]]),
	"lib82596": dict(
		arch="parisc",
		files=["drivers/net/ethernet/i825xx/lib82596.c",
		       "drivers/net/ethernet/i825xx/lasi_82596.c",
		       "drivers/net/ethernet/i825xx/sni_82596.c"],
		also=[],
		objs=["lasi_82596.o"],
		# sni_82596 is a MIPS (SNI RM) driver: it is modelled with
		# lasi_82596's command line, both including lib82596.c
		model=["drivers/net/ethernet/i825xx/lasi_82596.c",
		       "drivers/net/ethernet/i825xx/sni_82596.c"],
		# lib82596.c is converted once, as its own group: its includers
		# hold the macros and the allocations.
		groups=[["drivers/net/ethernet/i825xx/lasi_82596.c"],
			["drivers/net/ethernet/i825xx/sni_82596.c"],
			["drivers/net/ethernet/i825xx/lib82596.c"]]),
	"au1000_eth": dict(
		arch="mips",
		files=["drivers/net/ethernet/amd/au1000_eth.c"],
		also=["drivers/net/ethernet/amd/au1000_eth.h"],
		objs=[],	# MIPS Alchemy only: not in the ip22 configuration
		model=["drivers/net/ethernet/amd/au1000_eth.c"],
		flags_from="sgiseeq",
		# the module's own names (the other unit's are dropped): the
		# kernel's headers use KBUILD_MODNAME
		cflags=["-I@SRC@/arch/mips/include/asm/mach-au1x00",
			'-DKBUILD_BASENAME="au1000_eth"', '-DKBUILD_MODNAME="au1000_eth"',
			"-D__KBUILD_MODNAME=kmod_au1000_eth"],
		groups=[["drivers/net/ethernet/amd/au1000_eth.c"]]),
}

# Every legacy call the comparison looks at, and what the conversion can
# make of it.
LEGACY_CALLS = ["dma_cache_sync", "dma_alloc_attrs", "dmam_alloc_attrs",
		"dma_free_attrs", "dma_alloc_noncoherent", "dma_free_noncoherent",
		"DMA_ALLOC"]
