/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tree a path belongs to (its git work tree, or its own folder), and
 * whether a path, links resolved, stays inside it.
 */
#ifndef DMACONV_UTIL_TREE_H
#define DMACONV_UTIL_TREE_H

char *tree_root(const char *path);
int path_inside(const char *path, const char *root);
char *resolve_input(const char *arg);
void note_skipped_link(const char *path, const char *root);

#endif
