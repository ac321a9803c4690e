#!/usr/bin/python3
"""The range of predicted Pixel 3 latency over the whole DARTS space at the main job's proxy size (5 cells, 8 channels,
1x28x28), searched rather than sampled: random genotypes, then rounds of mutating the current extremes (one edge's op
or input at a time), keeping the fastest and the slowest found. Prints the extremes and their ratio, the largest span
any front in that space can have.

Usage: /usr/bin/python3 benchmarks/darts_latency_range.py [RANDOM [ROUNDS [SEED]]]   (run from the repository root;
defaults 3000 random genotypes, 8 rounds, seed 1). Latencies come from `bin/nas predict --target pixel --arch-file`.
"""
import json
import random
import subprocess
import sys
import tempfile

OPS = ["max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"]
KEEP = 20
CHILDREN = 25


def random_cell(rng):
    return [(rng.choice(OPS), rng.randrange(node // 2 + 2)) for node in range(8)]


def text(genome):
    def cell(c):
        return "[" + ", ".join(f"('{op}', {i})" for op, i in c) + "]"
    return (f"Genotype(normal={cell(genome[0])}, normal_concat=[2, 3, 4, 5], reduce={cell(genome[1])}, "
            "reduce_concat=[2, 3, 4, 5])")


def mutate(genome, rng):
    cells = [list(genome[0]), list(genome[1])]
    c = rng.randrange(2)
    edge = rng.randrange(8)
    op, i = cells[c][edge]
    if rng.random() < 0.5:
        op = rng.choice([o for o in OPS if o != op])
    else:
        i = rng.randrange(edge // 2 + 2)
    cells[c][edge] = (op, i)
    return tuple(tuple(x) for x in cells)


def predict(genomes):
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.write("\n".join(text(g) for g in genomes) + "\n")
        f.flush()
        out = subprocess.run(["bin/nas", "predict", "-q", "--target", "pixel", "--space", "darts", "--arch-file",
                              f.name, "--cells", "5", "--channels", "8", "--input", "1x28x28"],
                             check=True, capture_output=True, text=True).stdout
    return [json.loads(line)["latencyMs"] for line in out.splitlines()]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    genomes = list({(tuple(random_cell(rng)), tuple(random_cell(rng))) for _ in range(n)})
    seen = dict(zip(genomes, predict(genomes)))
    ranked = sorted(seen, key=seen.get)
    print(f"random {len(seen)}: {seen[ranked[0]]:.3f} - {seen[ranked[-1]]:.3f} ms "
          f"({seen[ranked[-1]] / seen[ranked[0]]:.2f}x)")
    for r in range(rounds):
        ranked = sorted(seen, key=seen.get)
        parents = ranked[:KEEP] + ranked[-KEEP:]
        children = list({mutate(p, rng) for p in parents for _ in range(CHILDREN)} - seen.keys())
        seen.update(zip(children, predict(children)))
        ranked = sorted(seen, key=seen.get)
        print(f"round {r + 1}: {len(seen)} genotypes, {seen[ranked[0]]:.3f} - {seen[ranked[-1]]:.3f} ms "
              f"({seen[ranked[-1]] / seen[ranked[0]]:.2f}x)")
    print(f"fastest {seen[ranked[0]]:.3f} ms: {text(ranked[0])}")
    print(f"slowest {seen[ranked[-1]]:.3f} ms: {text(ranked[-1])}")


if __name__ == "__main__":
    main()
