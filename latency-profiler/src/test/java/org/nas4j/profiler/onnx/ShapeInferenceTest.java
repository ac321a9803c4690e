package org.nas4j.profiler.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nas4j.profiler.onnx.TestGraph.attr;
import static org.nas4j.profiler.onnx.TestGraph.attrFloats;
import static org.nas4j.profiler.onnx.TestGraph.attrs;

import java.util.Map;
import onnx.Onnx.TensorProto;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.InvalidModelException;
import org.nas4j.targets.error.InvalidArgumentException;

/** Shape rules of every supported op family, on small hand-built graphs. */
class ShapeInferenceTest {
  private static long[] shape(InferredGraph g, String name) {
    assertThat(g.tensors()).containsKey(name);
    return g.tensors().get(name).shape();
  }

  private static long[] values(InferredGraph g, String name) {
    TensorInfo t = g.tensors().get(name);
    assertThat(t.hasValue()).as("values of %s are known", name).isTrue();
    return t.longs();
  }

  // ------------------------------------------------------------------ Conv family

  @Test
  void convWithPadsAndStrides() {
    InferredGraph g = TestGraph.opset(13).input("x", 1, 3, 224, 224).weight("w", 32, 3, 3, 3).weight("b", 32)
        .node("Conv", "x,w,b", "y", attrs("pads", 1, 1, 1, 1), attrs("strides", 2, 2)).output("y").infer();
    assertThat(shape(g, "y")).containsExactly(1, 32, 112, 112);
  }

  @Test
  void depthwiseConvWithGroupsAndDilations() {
    InferredGraph g = TestGraph.opset(13).input("x", 1, 16, 20, 20).weight("w", 16, 1, 3, 3)
        .node("Conv", "x,w", "y", attr("group", 16L), attrs("dilations", 2, 2), attrs("pads", 2, 2, 2, 2))
        .output("y").infer();
    assertThat(shape(g, "y")).containsExactly(1, 16, 20, 20);
  }

  @Test
  void convAutoPadModes() {
    for (String mode : new String[] {"SAME_UPPER", "SAME_LOWER"}) {
      InferredGraph g = TestGraph.opset(11).input("x", 1, 3, 15, 16).weight("w", 8, 3, 3, 3)
          .node("Conv", "x,w", "y", attr("auto_pad", mode), attrs("strides", 2, 2)).output("y").infer();
      assertThat(shape(g, "y")).as(mode).containsExactly(1, 8, 8, 8);
    }
    InferredGraph valid = TestGraph.opset(11).input("x", 1, 3, 15, 16).weight("w", 8, 3, 3, 3)
        .node("Conv", "x,w", "y", attr("auto_pad", "VALID"), attrs("strides", 2, 2)).output("y").infer();
    assertThat(shape(valid, "y")).containsExactly(1, 8, 7, 7);
    InferredGraph notset = TestGraph.opset(11).input("x", 1, 3, 15, 16).weight("w", 8, 3, 3, 3)
        .node("Conv", "x,w", "y", attr("auto_pad", "NOTSET")).output("y").infer();
    assertThat(shape(notset, "y")).containsExactly(1, 8, 13, 14);
  }

  @Test
  void conv1dAnd3d() {
    InferredGraph g = TestGraph.opset(13).input("x", 2, 4, 50).weight("w", 6, 4, 5)
        .node("Conv", "x,w", "y", attrs("strides", 5)).output("y").infer();
    assertThat(shape(g, "y")).containsExactly(2, 6, 10);
    InferredGraph g3 = TestGraph.opset(13).input("x", 1, 2, 8, 8, 8).weight("w", 4, 2, 3, 3, 3)
        .node("Conv", "x,w", "y", attrs("pads", 1, 1, 1, 1, 1, 1)).output("y").infer();
    assertThat(shape(g3, "y")).containsExactly(1, 4, 8, 8, 8);
  }

  @Test
  void convRejectsWeightChannelsThatDoNotMatchTheInput() {
    TestGraph t = TestGraph.opset(13).input("x", 1, 8, 10, 10).weight("w", 4, 4, 3, 3)
        .node("Conv", "x,w", "y").output("y");
    assertThatThrownBy(t::infer).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("test.onnx").hasMessageContaining("in-channels x group != input channels")
        .hasMessageContaining("8 channels");
  }

  @Test
  void convTransposeUpsamples() {
    InferredGraph g = TestGraph.opset(13).input("x", 1, 16, 7, 7).weight("w", 16, 8, 4, 4)
        .node("ConvTranspose", "x,w", "y", attrs("strides", 2, 2), attrs("pads", 1, 1, 1, 1)).output("y").infer();
    assertThat(shape(g, "y")).containsExactly(1, 8, 14, 14);
    InferredGraph op = TestGraph.opset(13).input("x", 1, 16, 7, 7).weight("w", 16, 8, 3, 3)
        .node("ConvTranspose", "x,w", "y", attrs("strides", 2, 2), attrs("pads", 1, 1, 1, 1),
            attrs("output_padding", 1, 1)).output("y").infer();
    assertThat(shape(op, "y")).containsExactly(1, 8, 14, 14);
    InferredGraph given = TestGraph.opset(13).input("x", 1, 16, 7, 7).weight("w", 16, 2, 3, 3)
        .node("ConvTranspose", "x,w", "y", attr("group", 4L), attrs("strides", 2, 2),
            attrs("output_shape", 15, 15)).output("y").infer();
    assertThat(shape(given, "y")).containsExactly(1, 8, 15, 15);
  }

  @Test
  void gemmHonoursTransposes() {
    InferredGraph g = TestGraph.opset(13).input("a", 1, 1280).weight("w", 1000, 1280).weight("c", 1000)
        .node("Gemm", "a,w,c", "y", attr("transB", 1L)).output("y").infer();
    assertThat(shape(g, "y")).containsExactly(1, 1000);
    InferredGraph ta = TestGraph.opset(13).input("a", 64, 3).weight("w", 64, 5)
        .node("Gemm", "a,w", "y", attr("transA", 1L)).output("y").infer();
    assertThat(shape(ta, "y")).containsExactly(3, 5);
    TestGraph bad = TestGraph.opset(13).input("a", 1, 1280).weight("w", 1000, 1280).node("Gemm", "a,w", "y")
        .output("y");
    assertThatThrownBy(bad::infer).isInstanceOf(InvalidModelException.class).hasMessageContaining("inner");
  }

  @Test
  void matMulBroadcastsBatchDimensions() {
    InferredGraph g = TestGraph.opset(13).input("a", 2, 1, 3, 4).input("b", 5, 4, 6).node("MatMul", "a,b", "y")
        .output("y").infer();
    assertThat(shape(g, "y")).containsExactly(2, 5, 3, 6);
    InferredGraph vec = TestGraph.opset(13).input("a", 4).input("a6", 6).input("b", 7, 4, 6)
        .node("MatMul", "a,b", "y").node("MatMul", "b,a6", "z").output("y").output("z").infer();
    assertThat(shape(vec, "y")).containsExactly(7, 6);
    assertThat(shape(vec, "z")).containsExactly(7, 4);
    assertThat(shape(TestGraph.opset(13).input("a", 3, 4).input("b", 4).node("MatMul", "a,b", "y").output("y")
        .infer(), "y")).containsExactly(3);
  }

  // ------------------------------------------------------------------ element-wise and normalisation

  @Test
  void batchNormalizationInInferenceAndTrainingForm() {
    InferredGraph g = TestGraph.opset(13).input("x", 1, 8, 5, 5).weight("s", 8).weight("b", 8).weight("m", 8)
        .weight("v", 8).node("BatchNormalization", "x,s,b,m,v", "y").node("BatchNormalization", "x,s,b,m,v",
            "y2,rm,rv,sm,sv").output("y").output("y2").infer();
    assertThat(shape(g, "y")).containsExactly(1, 8, 5, 5);
    assertThat(shape(g, "rv")).containsExactly(8);
  }

  @Test
  void unaryActivationsKeepTheShape() {
    TestGraph t = TestGraph.opset(14).input("x", 1, 4, 6, 6).floats("lo", 0f).floats("hi", 6f);
    String prev = "x";
    String[] ops = {"Relu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "LeakyRelu", "Softmax", "LogSoftmax",
        "Erf", "Sqrt", "Exp"};
    for (String op : ops) {
      t.node(op, prev, op);
      prev = op;
    }
    t.node("Clip", prev + ",lo,hi", "clip");
    InferredGraph g = t.output("clip").infer();
    for (String op : ops) {
      assertThat(shape(g, op)).as(op).containsExactly(1, 4, 6, 6);
    }
    assertThat(shape(g, "clip")).containsExactly(1, 4, 6, 6);
    InferredGraph clip7 = TestGraph.opset(7).input("x", 2, 3).node("Clip", "x", "y", attr("min", 0f),
        attr("max", 6f)).output("y").infer();
    assertThat(shape(clip7, "y")).containsExactly(2, 3);
  }

  @Test
  void binaryOpsBroadcastLikeNumpy() {
    InferredGraph g = TestGraph.opset(13).input("a", 1, 3, 1, 5).input("b", 4, 1).node("Add", "a,b", "add")
        .node("Sub", "a,b", "sub").node("Mul", "b,a", "mul").node("Div", "a,b", "div").output("add").output("sub")
        .output("mul").output("div").infer();
    for (String n : new String[] {"add", "sub", "mul", "div"}) {
      assertThat(shape(g, n)).as(n).containsExactly(1, 3, 4, 5);
    }
    TestGraph bad = TestGraph.opset(13).input("a", 1, 3, 5).input("b", 4).node("Add", "a,b", "y").output("y");
    assertThatThrownBy(bad::infer).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("cannot broadcast shapes 1x3x5 and 4").hasMessageContaining("(Add)");
  }

  @Test
  void softmaxAndDropoutKeepShapeAndDropoutHasAMask() {
    InferredGraph g = TestGraph.opset(13).input("x", 2, 10).node("Softmax", "x", "s", attr("axis", -1L))
        .node("Dropout", "s", "d,mask").output("d").infer();
    assertThat(shape(g, "s")).containsExactly(2, 10);
    assertThat(shape(g, "d")).containsExactly(2, 10);
    assertThat(g.tensors().get("mask").elemType()).isEqualTo(DataTypes.BOOL);
  }

  // ------------------------------------------------------------------ pooling and reduction

  @Test
  void maxPoolAndAveragePoolWithCeilMode() {
    InferredGraph g = TestGraph.opset(13).input("x", 1, 64, 112, 112)
        .node("MaxPool", "x", "y", attrs("kernel_shape", 3, 3), attrs("strides", 2, 2), attrs("pads", 1, 1, 1, 1))
        .node("MaxPool", "x", "c", attrs("kernel_shape", 3, 3), attrs("strides", 2, 2), attr("ceil_mode", 1L))
        .node("MaxPool", "x", "f", attrs("kernel_shape", 3, 3), attrs("strides", 2, 2))
        .output("y").output("c").output("f").infer();
    assertThat(shape(g, "y")).containsExactly(1, 64, 56, 56);
    assertThat(shape(g, "c")).containsExactly(1, 64, 56, 56);
    assertThat(shape(g, "f")).containsExactly(1, 64, 55, 55);
    // ceil_mode drops a last window that would start in the right padding (PyTorch and ONNX Runtime agree).
    InferredGraph avg = TestGraph.opset(13).input("x", 1, 1, 6, 6)
        .node("AveragePool", "x", "y", attrs("kernel_shape", 2, 2), attrs("strides", 2, 2),
            attrs("pads", 1, 1, 1, 1), attr("ceil_mode", 1L))
        .node("AveragePool", "x", "s", attrs("kernel_shape", 3, 3), attr("auto_pad", "SAME_UPPER"),
            attrs("strides", 2, 2))
        .output("y").output("s").infer();
    assertThat(shape(avg, "y")).containsExactly(1, 1, 4, 4);
    assertThat(shape(avg, "s")).containsExactly(1, 1, 3, 3);
  }

  @Test
  void globalPooling() {
    InferredGraph g = TestGraph.opset(13).input("x", 2, 1280, 7, 7).node("GlobalAveragePool", "x", "a")
        .node("GlobalMaxPool", "x", "m").output("a").output("m").infer();
    assertThat(shape(g, "a")).containsExactly(2, 1280, 1, 1);
    assertThat(shape(g, "m")).containsExactly(2, 1280, 1, 1);
  }

  @Test
  void reduceMeanWithAxesAsAttributeAndAsInput() {
    InferredGraph attrForm = TestGraph.opset(13).input("x", 1, 1280, 7, 7)
        .node("ReduceMean", "x", "y", attrs("axes", 2, 3), attr("keepdims", 0L))
        .node("ReduceMean", "x", "k", attrs("axes", -1)).node("ReduceMean", "x", "all")
        .output("y").output("k").output("all").infer();
    assertThat(shape(attrForm, "y")).containsExactly(1, 1280);
    assertThat(shape(attrForm, "k")).containsExactly(1, 1280, 7, 1);
    assertThat(shape(attrForm, "all")).containsExactly(1, 1, 1, 1);
    InferredGraph inputForm = TestGraph.opset(18).input("x", 1, 1280, 7, 7).ints("axes", 2, 3)
        .node("ReduceMean", "x,axes", "y", attr("keepdims", 1L)).node("ReduceSum", "x,axes", "s")
        .output("y").output("s").infer();
    assertThat(shape(inputForm, "y")).containsExactly(1, 1280, 1, 1);
    assertThat(shape(inputForm, "s")).containsExactly(1, 1280, 1, 1);
  }

  // ------------------------------------------------------------------ data movement

  @Test
  void concatWithNegativeAxis() {
    InferredGraph g = TestGraph.opset(13).input("a", 1, 58, 28, 28).input("b", 1, 58, 28, 28)
        .node("Concat", "a,b", "y", attr("axis", -3L)).output("y").infer();
    assertThat(shape(g, "y")).containsExactly(1, 116, 28, 28);
    TestGraph bad = TestGraph.opset(13).input("a", 1, 2, 3).input("b", 1, 2, 4)
        .node("Concat", "a,b", "y", attr("axis", 1L)).output("y");
    assertThatThrownBy(bad::infer).isInstanceOf(InvalidModelException.class).hasMessageContaining("Concat");
  }

  @Test
  void splitInAttributeInputAndNumOutputsForms() {
    InferredGraph attrForm = TestGraph.opset(11).input("x", 1, 10, 4)
        .node("Split", "x", "a,b", attr("axis", 1L), attrs("split", 3, 7)).output("a").output("b").infer();
    assertThat(shape(attrForm, "a")).containsExactly(1, 3, 4);
    assertThat(shape(attrForm, "b")).containsExactly(1, 7, 4);
    InferredGraph inputForm = TestGraph.opset(13).input("x", 1, 10, 4).ints("s", 6, 4)
        .node("Split", "x,s", "a,b", attr("axis", 1L)).output("a").infer();
    assertThat(shape(inputForm, "a")).containsExactly(1, 6, 4);
    assertThat(shape(inputForm, "b")).containsExactly(1, 4, 4);
    InferredGraph equal = TestGraph.opset(13).input("x", 1, 10, 4).node("Split", "x", "a,b", attr("axis", 1L))
        .output("a").infer();
    assertThat(shape(equal, "b")).containsExactly(1, 5, 4);
    InferredGraph num = TestGraph.opset(18).input("x", 1, 10).node("Split", "x", "a,b,c", attr("axis", 1L),
        attr("num_outputs", 3L)).output("a").infer();
    assertThat(shape(num, "a")).containsExactly(1, 4);
    assertThat(shape(num, "c")).containsExactly(1, 2);
  }

  @Test
  void sliceInAttributeAndInputForms() {
    InferredGraph attrForm = TestGraph.opset(9).input("x", 1, 116, 28, 28)
        .node("Slice", "x", "y", attrs("starts", 0), attrs("ends", 58), attrs("axes", 1)).output("y").infer();
    assertThat(shape(attrForm, "y")).containsExactly(1, 58, 28, 28);
    InferredGraph inputForm = TestGraph.opset(13).input("x", 1, 116, 28, 28).ints("st", 58, 1)
        .ints("en", Long.MAX_VALUE, -1).ints("ax", 1, 2).ints("sp", 1, 2)
        .node("Slice", "x,st,en,ax,sp", "y").output("y").infer();
    assertThat(shape(inputForm, "y")).containsExactly(1, 58, 13, 28);
    InferredGraph reverse = TestGraph.opset(13).input("x", 10).ints("st", -1).ints("en", Long.MIN_VALUE)
        .ints("ax", 0).ints("sp", -3).node("Slice", "x,st,en,ax,sp", "y").output("y").infer();
    assertThat(shape(reverse, "y")).containsExactly(4);
  }

  @Test
  void reshapeWithZeroAndMinusOne() {
    InferredGraph g = TestGraph.opset(13).input("x", 2, 3, 4, 5).ints("s", 0, -1, 5).ints("z", 0, 0, 20)
        .node("Reshape", "x,s", "y").node("Reshape", "x,z", "y2").output("y").infer();
    assertThat(shape(g, "y")).containsExactly(2, 12, 5);
    assertThat(shape(g, "y2")).containsExactly(2, 3, 20);
    TestGraph bad = TestGraph.opset(13).input("x", 2, 3).ints("s", 4, -1, 5).node("Reshape", "x,s", "y")
        .output("y");
    assertThatThrownBy(bad::infer).isInstanceOf(InvalidModelException.class).hasMessageContaining("reshape");
  }

  @Test
  void flattenAndTranspose() {
    InferredGraph g = TestGraph.opset(13).input("x", 2, 3, 4, 5).node("Flatten", "x", "f")
        .node("Flatten", "x", "f0", attr("axis", 0L)).node("Flatten", "x", "f3", attr("axis", -1L))
        .node("Transpose", "x", "t", attrs("perm", 0, 2, 3, 1)).node("Transpose", "x", "r")
        .output("f").infer();
    assertThat(shape(g, "f")).containsExactly(2, 60);
    assertThat(shape(g, "f0")).containsExactly(1, 120);
    assertThat(shape(g, "f3")).containsExactly(24, 5);
    assertThat(shape(g, "t")).containsExactly(2, 4, 5, 3);
    assertThat(shape(g, "r")).containsExactly(5, 4, 3, 2);
  }

  @Test
  void gatherShapesAndValues() {
    InferredGraph g = TestGraph.opset(13).input("x", 5, 6, 7)
        .initializer(TestGraph.int64Tensor("i0", new long[0], 1))
        .initializer(TestGraph.int64Tensor("i2", new long[] {2, 2}, 0, 1, 2, 3))
        .node("Gather", "x,i0", "a").node("Gather", "x,i2", "b", attr("axis", 1L))
        .node("Shape", "x", "s").node("Gather", "s,i0", "d").output("a").infer();
    assertThat(shape(g, "a")).containsExactly(6, 7);
    assertThat(shape(g, "b")).containsExactly(5, 2, 2, 7);
    assertThat(shape(g, "d")).isEmpty();
    assertThat(values(g, "d")).containsExactly(6);
  }

  @Test
  void shapeConstantAndIdentity() {
    TensorProto c = TestGraph.int64Tensor("c", new long[] {2}, 7, 8);
    InferredGraph g = TestGraph.opset(15).input("x", 1, 3, 9, 9).node("Shape", "x", "s")
        .node("Shape", "x", "tail", attr("start", -2L)).node("Constant", "", "k", TestGraph.attr("value", c))
        .node("Constant", "", "vi", attrs("value_ints", 1, 2, 3)).node("Identity", "x", "id").output("id").infer();
    assertThat(values(g, "s")).containsExactly(1, 3, 9, 9);
    assertThat(values(g, "tail")).containsExactly(9, 9);
    assertThat(values(g, "k")).containsExactly(7, 8);
    assertThat(values(g, "vi")).containsExactly(1, 2, 3);
    assertThat(shape(g, "id")).containsExactly(1, 3, 9, 9);
  }

  /** The pattern torch.onnx emits for x.view(x.size(0), -1) and channel shuffles. */
  @Test
  void exporterShapeArithmeticChainsFoldToConstants() {
    TensorProto zero = TestGraph.int64Tensor("z", new long[0], 0);
    TensorProto two = TestGraph.int64Tensor("t", new long[0], 2);
    InferredGraph g = TestGraph.opset(13).input("x", 1, 116, 28, 28)
        .node("Shape", "x", "s").node("Constant", "", "zero", TestGraph.attr("value", zero))
        .node("Gather", "s,zero", "n", attr("axis", 0L)).node("Constant", "", "two", TestGraph.attr("value", two))
        .ints("ax0", 0).node("Unsqueeze", "n,ax0", "n1").ints("m1", -1)
        .node("Concat", "n1,m1", "target", attr("axis", 0L)).node("Reshape", "x,target", "flat")
        .ints("one", 1).node("Gather", "s,one", "ch").node("Div", "ch,two", "half")
        .node("Unsqueeze", "half,ax0", "half1").ints("starts", 0).ints("axes", 1)
        .node("Slice", "x,starts,half1,axes", "left").node("Mul", "half,two", "back")
        .node("Cast", "back", "backf", attr("to", (long) DataTypes.FLOAT))
        .node("Equal", "back,ch", "same").node("Where", "same,half,ch", "pick")
        .output("flat").output("left").infer();
    assertThat(values(g, "target")).containsExactly(1, -1);
    assertThat(shape(g, "flat")).containsExactly(1, 116 * 28 * 28);
    assertThat(values(g, "half")).containsExactly(58);
    assertThat(shape(g, "left")).containsExactly(1, 58, 28, 28);
    assertThat(g.tensors().get("backf").doubles()).containsExactly(116.0);
    assertThat(values(g, "same")).containsExactly(1);
    assertThat(values(g, "pick")).containsExactly(58);
    assertThat(g.nodes().stream().filter(InferredNode::folded).map(InferredNode::opType))
        .contains("Shape", "Gather", "Concat", "Div", "Unsqueeze", "Constant", "Cast", "Equal", "Where")
        .doesNotContain("Reshape", "Slice");
  }

  @Test
  void padInAttributeAndInputForms() {
    InferredGraph attrForm = TestGraph.opset(7).input("x", 1, 3, 10, 10)
        .node("Pad", "x", "y", attrs("pads", 0, 0, 1, 2, 0, 0, 3, 4)).output("y").infer();
    assertThat(shape(attrForm, "y")).containsExactly(1, 3, 14, 16);
    InferredGraph inputForm = TestGraph.opset(13).input("x", 1, 3, 10, 10).ints("p", 0, 0, 1, 1, 0, 0, 1, 1)
        .node("Pad", "x,p", "y", attr("mode", "reflect")).output("y").infer();
    assertThat(shape(inputForm, "y")).containsExactly(1, 3, 12, 12);
  }

  @Test
  void resizeWithScalesAndSizesAndUpsample() {
    InferredGraph scales = TestGraph.opset(13).input("x", 1, 8, 10, 10).floats("roi").floats("sc", 1, 1, 2, 2)
        .node("Resize", "x,roi,sc", "y", attr("mode", "nearest")).output("y").infer();
    assertThat(shape(scales, "y")).containsExactly(1, 8, 20, 20);
    InferredGraph sizes = TestGraph.opset(13).input("x", 1, 8, 10, 10).ints("sz", 1, 8, 7, 33)
        .node("Resize", "x,,,sz", "y").output("y").infer();
    assertThat(shape(sizes, "y")).containsExactly(1, 8, 7, 33);
    InferredGraph r10 = TestGraph.opset(10).input("x", 1, 8, 10, 10).floats("sc", 1, 1, 1.5f, 0.5f)
        .node("Resize", "x,sc", "y").output("y").infer();
    assertThat(shape(r10, "y")).containsExactly(1, 8, 15, 5);
    InferredGraph up = TestGraph.opset(9).input("x", 1, 8, 10, 10).floats("sc", 1, 1, 2, 2)
        .node("Upsample", "x,sc", "y").output("y").infer();
    assertThat(shape(up, "y")).containsExactly(1, 8, 20, 20);
    InferredGraph up7 = TestGraph.opset(7).input("x", 1, 8, 10, 10)
        .node("Upsample", "x", "y", attrFloats("scales", 1, 1, 3, 3)).output("y").infer();
    assertThat(shape(up7, "y")).containsExactly(1, 8, 30, 30);
  }

  @Test
  void squeezeAndUnsqueezeInAttributeAndInputForms() {
    InferredGraph attrForm = TestGraph.opset(11).input("x", 1, 3, 1, 5)
        .node("Squeeze", "x", "s", attrs("axes", 0)).node("Squeeze", "x", "all")
        .node("Unsqueeze", "x", "u", attrs("axes", 0, -1)).output("s").infer();
    assertThat(shape(attrForm, "s")).containsExactly(3, 1, 5);
    assertThat(shape(attrForm, "all")).containsExactly(3, 5);
    assertThat(shape(attrForm, "u")).containsExactly(1, 1, 3, 1, 5, 1);
    InferredGraph inputForm = TestGraph.opset(13).input("x", 1, 3, 1, 5).ints("a", 2).ints("b", 1)
        .node("Squeeze", "x,a", "s").node("Unsqueeze", "x,b", "u").output("s").infer();
    assertThat(shape(inputForm, "s")).containsExactly(1, 3, 5);
    assertThat(shape(inputForm, "u")).containsExactly(1, 1, 3, 1, 5);
    TestGraph bad = TestGraph.opset(13).input("x", 1, 3).ints("a", 1).node("Squeeze", "x,a", "s").output("s");
    assertThatThrownBy(bad::infer).isInstanceOf(InvalidModelException.class).hasMessageContaining("squeeze");
  }

  @Test
  void castConstantOfShapeExpandAndRange() {
    TensorProto one = TestGraph.int64Tensor("v", new long[] {1}, 1);
    InferredGraph g = TestGraph.opset(13).input("x", 1, 3, 1, 1).ints("shp", 2, 3)
        .node("ConstantOfShape", "shp", "c", TestGraph.attr("value", one)).ints("big", 1, 3, 4, 4)
        .node("Expand", "x,big", "e").node("Cast", "x", "h", attr("to", (long) DataTypes.FLOAT16))
        .initializer(TestGraph.int64Tensor("r0", new long[0], 0))
        .initializer(TestGraph.int64Tensor("r1", new long[0], 10))
        .initializer(TestGraph.int64Tensor("r2", new long[0], 3))
        .node("Range", "r0,r1,r2", "r").ints("reps", 2, 1, 3, 3).node("Tile", "x,reps", "t")
        .output("e").infer();
    assertThat(values(g, "c")).containsExactly(1, 1, 1, 1, 1, 1);
    assertThat(shape(g, "c")).containsExactly(2, 3);
    assertThat(shape(g, "e")).containsExactly(1, 3, 4, 4);
    assertThat(g.tensors().get("h").elemType()).isEqualTo(DataTypes.FLOAT16);
    assertThat(values(g, "r")).containsExactly(0, 3, 6, 9);
    assertThat(shape(g, "t")).containsExactly(2, 3, 3, 3);
  }

  @Test
  void lessCommonOps() {
    InferredGraph g = TestGraph.opset(18).input("x", 1, 16, 6, 8).input("y", 16, 1, 1).weight("s", 8)
        .weight("b", 8).weight("s16", 16).weight("b16", 16).ints("k", 3).ints("sz", 12, 16)
        .node("LayerNormalization", "x,s,b", "ln,mean,inv", attr("axis", -1L))
        .node("Max", "x,y", "mx").node("Min", "x,y,x", "mn").node("Sum", "x,y", "sm")
        .node("ArgMax", "x", "am", attr("axis", 1L), attr("keepdims", 0L))
        .node("TopK", "x,k", "tv,ti", attr("axis", -1L))
        .node("DepthToSpace", "x", "d2s", attr("blocksize", 2L))
        .node("SpaceToDepth", "x", "s2d", attr("blocksize", 2L))
        .node("Resize", "x,,,sz", "rs", attrs("axes", 2, 3))
        .node("InstanceNormalization", "x,s16,b16", "in")
        .node("GatherElements", "x,x", "ge").output("ln").infer();
    assertThat(shape(g, "ln")).containsExactly(1, 16, 6, 8);
    assertThat(shape(g, "mean")).containsExactly(1, 16, 6, 1);
    assertThat(shape(g, "mx")).containsExactly(1, 16, 6, 8);
    assertThat(shape(g, "mn")).containsExactly(1, 16, 6, 8);
    assertThat(shape(g, "sm")).containsExactly(1, 16, 6, 8);
    assertThat(shape(g, "am")).containsExactly(1, 6, 8);
    assertThat(g.tensors().get("am").elemType()).isEqualTo(DataTypes.INT64);
    assertThat(shape(g, "tv")).containsExactly(1, 16, 6, 3);
    assertThat(shape(g, "ti")).containsExactly(1, 16, 6, 3);
    assertThat(shape(g, "d2s")).containsExactly(1, 4, 12, 16);
    assertThat(shape(g, "s2d")).containsExactly(1, 64, 3, 4);
    assertThat(shape(g, "rs")).containsExactly(1, 16, 12, 16);
    assertThat(shape(g, "in")).containsExactly(1, 16, 6, 8);
    assertThat(shape(g, "ge")).containsExactly(1, 16, 6, 8);
  }

  // ------------------------------------------------------------------ errors

  @Test
  void unsupportedOpsAreListedByTypeAndNode() {
    TestGraph t = TestGraph.opset(13).input("x", 1, 3).node("Konv", "x", "a").node("Konv", "a", "b")
        .node("FusedConv", "com.microsoft", "b", "c").output("c");
    assertThatThrownBy(t::infer).isInstanceOf(UnsupportedOperatorException.class)
        .hasMessageStartingWith("test.onnx: cannot profile 2 op types")
        .hasMessageContaining("Konv (nodes 'konv_0', 'konv_1')")
        .hasMessageContaining("com.microsoft::FusedConv (node 'fusedconv_2')")
        .satisfies(e -> assertThat(((UnsupportedOperatorException) e).nodesByOpType()).containsKey("Konv"));
  }

  @Test
  void dynamicDimensionNeedsAShapeAndTheErrorNamesTheInput() {
    TestGraph t = TestGraph.opset(13).input("image", -1, 3, 8, 8).weight("w", 4, 3, 3, 3).node("Conv", "image,w", "y")
        .output("y");
    assertThatThrownBy(t::infer).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("input 'image' has dynamic dimension 'N'")
        .hasMessageContaining("--shape image=1x3x8x8");
    InferredGraph g = t.infer(Map.of("image", new long[] {4, 3, 8, 8}));
    assertThat(shape(g, "y")).containsExactly(4, 4, 6, 6);
    assertThatThrownBy(() -> t.infer(Map.of("image", new long[] {4, 5, 8, 8})))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("conflicts").hasMessageContaining("axis 1");
    assertThatThrownBy(() -> t.infer(Map.of("img", new long[] {4, 3, 8, 8})))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'img'").hasMessageContaining("image");
  }

  @Test
  void declaredShapesAreCheckedAgainstInferredOnes() {
    TestGraph out = TestGraph.opset(13).input("x", 1, 1280).weight("w", 1000, 1280)
        .node("Gemm", "x,w", "y", attr("transB", 1L)).output("y", 1, 999);
    assertThatThrownBy(out::infer).isInstanceOf(InvalidModelException.class)
        .hasMessage("test.onnx: output 'y' is declared as 1x999 but the graph computes 1x1000");
    TestGraph vi = TestGraph.opset(13).input("x", 1, 4).node("Relu", "x", "r").valueInfo("r", 1, 5)
        .node("Relu", "r", "y").output("y", 1, 4);
    assertThatThrownBy(vi::infer).isInstanceOf(InvalidModelException.class).hasMessageContaining("value_info 'r'");
    TestGraph dyn = TestGraph.opset(13).input("x", -1, 4).node("Relu", "x", "y").output("y", -1, 4);
    assertThat(shape(dyn.infer(Map.of("x", new long[] {3, 4})), "y")).containsExactly(3, 4);
  }

  @Test
  void dataDependentShapesAreReportedNotGuessed() {
    TestGraph t = TestGraph.opset(13).input("x", 1, 4).typedInput("n", DataTypes.INT64, 2).node("Reshape", "x,n", "y")
        .output("y");
    assertThatThrownBy(t::infer).isInstanceOf(InvalidModelException.class)
        .hasMessageContaining("(Reshape)").hasMessageContaining("computed at run time");
  }

  @Test
  void initializersListedAsGraphInputsNeedNoShape() {
    // IR 3 style (torch.onnx keep_initializers_as_inputs=True): weights are also graph inputs.
    InferredGraph g = TestGraph.opset(9).ir(3).input("x", 1, 3, 8, 8).input("w", 4, 3, 3, 3)
        .weight("w", 4, 3, 3, 3).node("Conv", "x,w", "y").output("y").infer();
    assertThat(g.inputs()).containsOnlyKeys("x");
    assertThat(shape(g, "y")).containsExactly(1, 4, 6, 6);
  }

  @Test
  void parsesShapeOptions() {
    Map.Entry<String, long[]> e = ShapeInference.parseShapeOption("input=1x3x224x224");
    assertThat(e.getKey()).isEqualTo("input");
    assertThat(e.getValue()).containsExactly(1, 3, 224, 224);
    assertThat(ShapeInference.parseShapeOption("a=b=2,3").getKey()).isEqualTo("a=b");
    assertThatThrownBy(() -> ShapeInference.parseShapeOption("input=1xAx3"))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'A'");
    assertThatThrownBy(() -> ShapeInference.parseShapeOption("1x3")).isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> ShapeInference.parseShapeOption("x=0x3")).isInstanceOf(InvalidArgumentException.class);
  }
}
