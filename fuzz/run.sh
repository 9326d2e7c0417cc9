#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser target with afl++ and SharpFuzz, or a long model-file fuzz run.
#
#   fuzz/run.sh TARGET SECONDS     afl++ on TARGET (fuzz/run.sh list shows them); the corpus is kept in
#                                  fuzz/corpus/TARGET, findings in fuzz/findings/TARGET
#   fuzz/run.sh models MINUTES [SEED]
#                                  the model-file fuzzer for MINUTES (failing files kept in fuzz/findings/models)
#
# Needs afl++ (Debian: apt-get install afl++) for parser targets; CI does not run this script (the same
# targets run there as property tests).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${1:?usage: fuzz/run.sh TARGET SECONDS | fuzz/run.sh models MINUTES [SEED] | fuzz/run.sh list}
work=$root/fuzz/.work
bin=$work/bin

build() {
  dotnet build fuzz/LocalMultimodal.Fuzz/LocalMultimodal.Fuzz.csproj -c Release -o "$work/build" -v q -nologo >/dev/null
}

if [ "$target" = list ]; then
  build
  dotnet "$work/build/LocalMultimodal.Fuzz.dll" targets
  exit 0
fi

if [ "$target" = models ]; then
  minutes=${2:?minutes}
  seed=${3:-$RANDOM}
  build
  mkdir -p fuzz/findings/models
  exec dotnet "$work/build/LocalMultimodal.Fuzz.dll" models --seed "$seed" --cases 100000000 --minutes "$minutes" --out "$root/fuzz/findings/models/seed-$seed"
fi

seconds=${2:?seconds}
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
build
dotnet tool restore >/dev/null

# Instrument a copy: SharpFuzz rewrites the assemblies whose branches afl should see.
rm -rf "$bin"
cp -r "$work/build" "$bin"
for assembly in LocalMultimodal.Engine LocalMultimodal.Server LocalMultimodal.Jinja SixLabors.ImageSharp NAudio.Core; do
  dotnet sharpfuzz "$bin/$assembly.dll" >/dev/null
done

corpus=$root/fuzz/corpus/$target
findings=$root/fuzz/findings/$target
mkdir -p "$corpus" "$findings"
if [ -z "$(ls -A "$corpus")" ]; then
  dotnet "$work/build/LocalMultimodal.Fuzz.dll" seeds "$target" "$corpus" # instrumented code only runs under afl
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_AUTORESUME=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
# A managed heap above 1 GiB is a failure (unbounded memory): the target dies with OutOfMemoryException.
export DOTNET_GCHeapHardLimit=0x40000000
afl-fuzz -i "$corpus" -o "$findings" -t 10000 -m none -V "$seconds" -- dotnet "$bin/LocalMultimodal.Fuzz.dll" afl "$target" \
  > "$findings/afl.log" 2>&1 || true

# Keep what afl learned as the next run's starting corpus.
cp -n "$findings"/default/queue/id:* "$corpus"/ 2>/dev/null || true

stats=$findings/default/fuzzer_stats
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not start; see $findings/afl.log" >&2
  tail -n 20 "$findings/afl.log" >&2
  exit 2
fi
get() { awk -F: -v k="$1" '$1 ~ "^"k" *$" {gsub(/ /, "", $2); print $2}' "$stats"; }
crashes=$(get saved_crashes)
hangs=$(get saved_hangs)
echo "$target: $(get execs_done) executions in $(get run_time) s, corpus $(get corpus_count), crashes $crashes, hangs $hangs"
ls "$findings"/default/crashes/id:* "$findings"/default/hangs/id:* 2>/dev/null || true
[ "$crashes" = 0 ] && [ "$hangs" = 0 ]
