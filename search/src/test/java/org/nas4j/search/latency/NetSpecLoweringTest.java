package org.nas4j.search.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nas4j.profiler.predict.Kernel;
import org.nas4j.profiler.predict.KernelLinearPredictor;
import org.nas4j.profiler.predict.KernelType;
import org.nas4j.profiler.predict.OpSpec;
import org.nas4j.profiler.predict.PredictorFile;
import org.nas4j.search.net.NetSpec;
import org.nas4j.search.net.NetSpecs;
import org.nas4j.search.space.DartsSpace;
import org.nas4j.search.space.InputShape;
import org.nas4j.search.space.MacroConfig;
import org.nas4j.search.space.Nb201Space;

class NetSpecLoweringTest {
  private static final String[] NON_ZERO = {"skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"};

  private static List<String> sorted(List<OpSpec> ops) {
    List<String> s = new ArrayList<>();
    for (OpSpec o : ops) {
      s.add(o.toString());
    }
    s.sort(Comparator.naturalOrder());
    return s;
  }

  private static String arch(int code, String[] ops) {
    String[] e = new String[6];
    for (int k = 0; k < 6; k++) {
      e[k] = ops[code % ops.length];
      code /= ops.length;
    }
    return "|" + e[0] + "~0|+|" + e[1] + "~0|" + e[2] + "~1|+|" + e[3] + "~0|" + e[4] + "~1|" + e[5] + "~2|";
  }

  @Test
  void nb201WithoutNoneEdgesOrAliasNodesLowersToTheSameKernelsAsTheTableLowering() {
    KernelLinearPredictor pixel = PredictorFile.readResource("pixel3-cpu-fp32.json").predictor();
    Nb201Space space = new Nb201Space();
    int archs = 4 * 4 * 4 * 4 * 4 * 4;
    for (int code = 0; code < archs; code++) {
      String a = arch(code, NON_ZERO);
      if (a.startsWith("|skip_connect~0|")) {
        continue; // node 1 is an alias of node 0: see the next test
      }
      List<OpSpec> table = Nb201Ops.lower(a);
      List<OpSpec> viaSpec = NetSpecLowering.lower(NetSpecs.of(space.parse(a), MacroConfig.nb201Cifar10()));
      List<String> extra = new ArrayList<>(sorted(viaSpec));
      List<String> missing = new ArrayList<>(sorted(table));
      for (String o : sorted(table)) {
        extra.remove(o);
      }
      for (String o : sorted(viaSpec)) {
        missing.remove(o);
      }
      assertThat(missing).as(a + " missing kernels, extra: " + extra).isEmpty();
      assertThat(extra).as(a + " extra kernels").isEmpty();
      assertThat(pixel.predictMs(viaSpec)).as(a).isCloseTo(pixel.predictMs(table), within(1e-9));
    }
  }

  @Test
  void aSkipOnlyNodeIsTheSameTensorSoItsReluIsADuplicateInTheNetSpecLowering() {
    // node 1 = skip(node 0) is node 0; the table lowering counts ReLUs per cell node, the NetSpec lowering per tensor
    String a = "|skip_connect~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|skip_connect~0|skip_connect~1|skip_connect~2|";
    List<OpSpec> table = Nb201Ops.lower(a);
    List<OpSpec> viaSpec = NetSpecLowering.lower(NetSpecs.of(new Nb201Space().parse(a), MacroConfig.nb201Cifar10()));
    assertThat(viaSpec).hasSameSizeAs(table);
    long dupTable = table.stream().filter(o -> o.type() == KernelType.RELU && o.duplicate()).count();
    long dupSpec = viaSpec.stream().filter(o -> o.type() == KernelType.RELU && o.duplicate()).count();
    assertThat(dupSpec - dupTable).isEqualTo(15);
  }

  @Test
  void nb201NoneEdgesAreWhereTheTwoLoweringsDiffer() {
    // Rationale: the HW-NAS-Bench TFLite models keep x*0 per none edge (MUL.dead); a NetSpec has no such node.
    String a = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|";
    List<OpSpec> table = new ArrayList<>(Nb201Ops.lower(a));
    table.removeIf(o -> o.type() == KernelType.MUL);
    List<OpSpec> viaSpec = NetSpecLowering.lower(NetSpecs.of(new Nb201Space().parse(a), MacroConfig.nb201Cifar10()));
    assertThat(sorted(viaSpec)).isEqualTo(sorted(table));
    assertThat(Nb201Ops.lower(a).stream().filter(o -> o.type() == KernelType.MUL).count()).isEqualTo(15);
  }

  @Test
  void disconnectedNb201CellMakesTheRestConstantAndTheStartDead() {
    String a = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
    List<OpSpec> ops = NetSpecLowering.lower(NetSpecs.of(new Nb201Space().parse(a), MacroConfig.nb201Cifar10()));
    assertThat(ops).allMatch(o -> o.dead() || o.constant());
    assertThat(ops.stream().filter(OpSpec::dead)).isNotEmpty();
    assertThat(ops.get(ops.size() - 1).constant()).isTrue();
  }

  @Test
  void dartsV2KernelMacsEqualTheNetworkMacsAndSepConvsAreDepthwisePlusPointwise() {
    MacroConfig m = new MacroConfig(8, 16, new InputShape(3, 32, 32), 10, null);
    NetSpec spec = NetSpecs.of(new DartsSpace().parse("DARTS_V2"), m);
    List<OpSpec> ops = NetSpecLowering.lower(spec);
    double convMacs = ops.stream()
        .filter(o -> switch (o.type()) {
          case CONV, POINTWISE, DEPTHWISE, GROUP_CONV, LINEAR -> true;
          default -> false;
        })
        .mapToDouble(o -> Kernel.of(o).macs()).sum();
    assertThat(convMacs).isEqualTo((double) spec.macs());
    // every separable/dilated conv: ReLU + dw + pw [+ dw + pw]; the second ReLU of a sep conv is fused
    long dw = ops.stream().filter(o -> o.type() == KernelType.DEPTHWISE).count();
    long dwNodes = spec.nodes().stream().filter(n -> n.depthwise()).count();
    assertThat(dw).isEqualTo(dwNodes).isPositive();
    assertThat(ops).noneMatch(o -> o.dead() || o.constant());
    // cells concatenate their 4 intermediate nodes; reduction-after-reduction uses FactorizedReduce (SLICE + CONCAT2)
    assertThat(ops.stream().filter(o -> o.type() == KernelType.CONCAT && o.inputs() == 4).count()).isEqualTo(8);
    assertThat(ops.stream().filter(o -> o.type() == KernelType.SLICE)).isNotEmpty();
    assertThat(Kernel.of(ops.get(ops.size() - 1)).classKey()).isEqualTo("LINEAR");
  }

  @Test
  void dartsSpaceLowersGenotypesWithTheGivenMacro() {
    MacroConfig small = new MacroConfig(5, 8, new InputShape(3, 32, 32), 10, null);
    double smallMacs = LatencySpace.DARTS.lower("DARTS_V2", small).stream().mapToDouble(o -> Kernel.of(o).macs())
        .sum();
    double defaultMacs = LatencySpace.DARTS.lower("DARTS_V2").stream().mapToDouble(o -> Kernel.of(o).macs()).sum();
    assertThat(defaultMacs).isGreaterThan(20 * smallMacs);
  }
}
