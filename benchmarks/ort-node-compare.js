// Times one ONNX model with onnxruntime-node, as an independent check of `nas bench`.
// Same protocol as nas bench: intra-op threads N (default 1), inter-op 1, sequential, all optimisations, spinning off
// at 1 thread; inputs: uniform [0,1) floats (zeros for other types), dynamic dimensions 1; WARMUP untimed runs, then RUNS
// timed runs of `await session.run(feeds)` each timed with process.hrtime.bigint(). Prints one JSON line.
// Usage: node ort-node-compare.js MODEL.onnx [RUNS=300] [WARMUP=50] [THREADS=1]
'use strict';
const ort = require('onnxruntime-node');

async function main() {
  const [model, runsArg, warmupArg, threadsArg] = process.argv.slice(2);
  const runs = Number(runsArg || 300);
  const warmup = Number(warmupArg || 50);
  const threads = Number(threadsArg || 1);
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: threads > 1 ? '1' : '0' } } },
  });
  const feeds = {};
  for (const name of session.inputNames) {
    const meta = session.inputMetadata ? session.inputMetadata.find((m) => m.name === name) : undefined;
    if (!meta || !meta.isTensor) throw new Error(`cannot read the shape of input ${name}`);
    const dims = meta.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 1));
    const size = dims.reduce((a, b) => a * b, 1);
    if (meta.type === 'float32') {
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = Math.random();
      feeds[name] = new ort.Tensor('float32', data, dims);
    } else if (meta.type === 'int64') {
      feeds[name] = new ort.Tensor('int64', new BigInt64Array(size), dims);
    } else {
      throw new Error(`input ${name}: type ${meta.type} not supported by this script`);
    }
  }
  for (let i = 0; i < warmup; i++) await session.run(feeds);
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await session.run(feeds);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const sorted = Array.from(samples).sort((a, b) => a - b);
  const q = (p) => {
    const h = (sorted.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  };
  console.log(JSON.stringify({ model, runtime: 'onnxruntime-node', version: ort.env.versions.common, threads,
    warmupRuns: warmup, measuredRuns: runs, p50Ms: q(0.5), p90Ms: q(0.9) }));
  await session.release();
}

main().catch((e) => {
  console.error(`ort-node-compare: ${e.message}`);
  process.exit(1);
});
