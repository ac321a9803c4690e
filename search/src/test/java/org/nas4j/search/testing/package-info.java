/**
 * Test fixtures shared with other modules through this module's test-jar: {@link
 * org.nas4j.search.testing.IdxFolders} writes images as the IDX files of an {@code mnist:DIR} or
 * {@code fashion-mnist:DIR} dataset.
 */
package org.nas4j.search.testing;
