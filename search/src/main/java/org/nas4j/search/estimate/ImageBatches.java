package org.nas4j.search.estimate;

import org.nas4j.search.data.LabeledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns {@link LabeledImages} into DL4J minibatches: pixels scaled to [0, 1], NCHW, one-hot labels. Each batch is
 * built with one copy straight from the uint8 pixels into the array ND4J wraps.
 */
final class ImageBatches {
  private final LabeledImages images;
  private final int classes;

  ImageBatches(LabeledImages images, int classes) {
    this.images = images;
    this.classes = classes;
  }

  /** The batch of the images {@code order[from..to)}. */
  DataSet batch(int[] order, int from, int to) {
    int n = to - from;
    int size = images.imageSize();
    float[] x = new float[n * size];
    float[] y = new float[n * classes];
    for (int k = 0; k < n; k++) {
      int i = order == null ? from + k : order[from + k];
      images.copyScaled(i, x, k * size);
      y[k * classes + images.label(i)] = 1f;
    }
    INDArray features = Nd4j.create(x, new long[] {n, images.channels(), images.height(), images.width()}, 'c');
    INDArray labels = Nd4j.create(y, new long[] {n, classes}, 'c');
    return new DataSet(features, labels);
  }
}
