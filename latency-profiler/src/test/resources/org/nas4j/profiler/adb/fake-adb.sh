#!/bin/sh
# A simulated adb for tests: answers like platform-tools' adb talking to an Android phone running
# onnxruntime_perf_test. State lives next to this script: devices.txt (the 'adb devices' list; a default list when
# absent), device/ (the phone's file system) and adb.log (every call). The serial picks the behaviour:
#   PHONE1     a healthy Pixel 7 (big cores 6,7 at 2.85 GHz, schedutil)
#   WRONGABI1  the pushed perf-test binary is not an Android arm64 build: 'not executable' (exit 126)
#   KILL1      the perf-test run is killed by signal 9 (exit 137)
#   MALFORMED1 the perf-test run prints something that is not perf-test output
#   UNAUTH1    unauthorized, OFFLINE1 offline (in the default device list)
here=$(cd "$(dirname "$0")" && pwd)
root="$here/device"
echo "adb $*" >> "$here/adb.log"
if [ "$1" = "devices" ]; then
  echo "List of devices attached"
  if [ -f "$here/devices.txt" ]; then cat "$here/devices.txt"; else
    printf 'PHONE1\tdevice\nWRONGABI1\tdevice\nKILL1\tdevice\nMALFORMED1\tdevice\nUNAUTH1\tunauthorized\nOFFLINE1\toffline\n'
  fi
  echo
  exit 0
fi
if [ "$1" != "-s" ]; then echo "adb: usage: this fake needs -s SERIAL" >&2; exit 1; fi
serial="$2"; shift 2
case "$serial" in
  PHONE1|WRONGABI1|KILL1|MALFORMED1) ;;
  UNAUTH1) echo "adb: device unauthorized." >&2; exit 1 ;;
  *) echo "adb: device '$serial' not found" >&2; exit 1 ;;
esac
verb="$1"; shift
if [ "$verb" = "push" ]; then
  src="$1"; dst="$2"
  mkdir -p "$root$(dirname "$dst")" && cp "$src" "$root$dst" || { echo "adb: error: failed to copy '$src' to '$dst'" >&2; exit 1; }
  echo "$src: 1 file pushed, 0 skipped. 31.4 MB/s ($(wc -c < "$src") bytes in 0.001s)"
  exit 0
fi
if [ "$verb" != "shell" ]; then echo "adb: unknown command $verb" >&2; exit 1; fi
cmd="$*"
case "$cmd" in
  "getprop ro.product.model") echo "Pixel 7" ;;
  "getprop ro.build.version.release") echo "14" ;;
  "grep -H . /sys/devices/system/cpu/cpu*/cpufreq/cpuinfo_max_freq")
    for c in 0 1 2 3; do echo "/sys/devices/system/cpu/cpu$c/cpufreq/cpuinfo_max_freq:1803000"; done
    for c in 4 5; do echo "/sys/devices/system/cpu/cpu$c/cpufreq/cpuinfo_max_freq:2348000"; done
    for c in 6 7; do echo "/sys/devices/system/cpu/cpu$c/cpufreq/cpuinfo_max_freq:2850000"; done ;;
  "cat /sys/devices/system/cpu/cpu"*"/cpufreq/scaling_governor") echo "schedutil" ;;
  "mkdir -p "*) mkdir -p "$root${cmd#mkdir -p }" ;;
  "chmod 755 "*) [ -e "$root${cmd#chmod 755 }" ] || { echo "chmod: ${cmd#chmod 755 }: No such file or directory"; exit 1; } ;;
  "rm -f "*) rm -f "$root${cmd#rm -f }" ;;
  "rm -rf "*) rm -rf "$root${cmd#rm -rf }" ;;
  "cd "*" && "*onnxruntime_perf_test*)
    dir=${cmd#cd }; dir=${dir%% &&*}
    if [ ! -f "$root$dir/onnxruntime_perf_test" ]; then echo "/system/bin/sh: ./onnxruntime_perf_test: inaccessible or not found" >&2; exit 127; fi
    if [ ! -f "$root$dir/model.onnx" ]; then echo "Error: model.onnx: No such file" >&2; exit 1; fi
    case "$serial" in
      WRONGABI1) echo "/system/bin/sh: ./onnxruntime_perf_test: not executable: 64-bit ELF file" >&2; exit 126 ;;
      KILL1) echo "Session creation time cost: 0.0213 s"; echo "Killed" >&2; exit 137 ;;
      MALFORMED1) echo "Segmentation fault (core dumped)?? 12abc"; exit 0 ;;
    esac
    runs=$(echo "$cmd" | sed -n 's/.* -r \([0-9]*\) .*/\1/p')
    threads=$(echo "$cmd" | sed -n 's/.* -x \([0-9]*\) .*/\1/p')
    ep=$(echo "$cmd" | sed -n 's/.* -e \([a-z]*\) .*/\1/p')
    bytes=$(wc -c < "$root$dir/model.onnx")
    # latency grows with the model size: 0.2 ms + 1 ms per 100 kB
    p50=$(awk "BEGIN { printf \"%.7f\", 0.0002 + $bytes / 100000000 }")
    echo "Setting intra_op_num_threads to $threads"
    if [ "$ep" = nnapi ]; then
      echo "2026-11-27 00:00:00.000 onnxruntime_perf_test[W:onnxruntime:, session_state.cc:1166 VerifyEachNodeIsAssignedToAnEp] Some nodes were not assigned to the preferred execution providers which may or may not have an negative impact on performance. e.g. ORT explicitly assigns shape related ops to CPU to improve perf." >&2
    fi
    awk -v r="$runs" -v p="$p50" 'BEGIN {
      printf "Session creation time cost: 0.0213 s\nFirst inference time cost: %d ms\n", p * 1500 + 1
      printf "Total inference time cost: %.6f s\nTotal inference requests: %d\n", p * 1.02 * r, r
      printf "Average inference time cost total: %.6f ms\nTotal inference run time: %.6f s\n", p * 1020, p * 1.03 * r
      printf "Number of inferences per second: %.3f\nAvg CPU usage: 12 %%\nPeak working set size: 31457280 bytes\n", 1 / (p * 1.03)
      printf "Min Latency: %.7f s\nMax Latency: %.7f s\nP50 Latency: %.7f s\nP90 Latency: %.7f s\n", p * 0.97, p * 1.2, p, p * 1.05
      printf "P95 Latency: %.7f s\nP99 Latency: %.7f s\nP999 Latency: %.7f s\n", p * 1.08, p * 1.15, p * 1.2 }' ;;
  *) echo "/system/bin/sh: unexpected command: $cmd" >&2; exit 1 ;;
esac
