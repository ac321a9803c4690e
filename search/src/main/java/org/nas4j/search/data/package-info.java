/**
 * Real image-classification datasets for accuracy estimation: IDX files (MNIST/Fashion-MNIST), CIFAR-10 binary
 * batches and image folders, read into {@link org.nas4j.search.data.LabeledImages} (uint8 pixels, NCHW). {@link
 * org.nas4j.search.data.DatasetSpec} parses {@code --dataset}; the default Fashion-MNIST comes from the Debian package
 * when installed, otherwise from a real 10,000/2,000-image subset embedded in this module's resources. Malformed files
 * throw {@link org.nas4j.search.data.InvalidDatasetException} naming the file. Readers are stateless and thread-safe.
 */
package org.nas4j.search.data;
