package org.nas4j.search.dl4j;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every DL4J layer configuration's {@code instantiate} does with a new layer, for this package's layers. */
final class CustomLayers {
  private CustomLayers() {}

  /** Gives {@code layer} its listeners, index, parameter views (initialised if asked) and configuration. */
  static Layer wire(Layer layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray paramsView, boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(conf.getLayer().initializer().init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
