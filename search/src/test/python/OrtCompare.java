import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Companion of darts_onnx_vs_reference.py: runs the ONNX model in ONNX Runtime and compares with the reference. */
public class OrtCompare {
  static float[] read(String file) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of(file))).order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining() / 4];
    b.asFloatBuffer().get(f);
    return f;
  }

  public static void main(String[] args) throws Exception {
    float[] x = read(args[1] + ".x.bin");
    float[] ref = read(args[1] + ".torch.bin");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(args[0])) {
      long[] shape = ((ai.onnxruntime.TensorInfo) s.getInputInfo().get("input").getInfo()).getShape();
      try (OnnxTensor t = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x), shape);
          OrtSession.Result r = s.run(Map.of("input", t))) {
        float[] y = ((float[][]) r.get(0).getValue())[0];
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
          worst = Math.max(worst, Math.abs(y[i] - ref[i]));
        }
        System.out.printf("%s: max |ORT - PyTorch reference| = %.3g over %d logits%n", args[0], worst, y.length);
      }
    }
  }
}
