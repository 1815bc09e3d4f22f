// Turns off, in every function, the instruction sets the verifier refuses (R14, R15).
//
// The driver passes -mno-avx512f and friends, but clang gives `target_clones` and
// `target("arch=...")` versions the full feature set of the CPU they name, so a
// sapphirerapids clone would get EVEX code the verifier rejects. A later "-feature"
// in the attribute wins, so appending the denials keeps every function inside the
// allow list whatever the source asked for.
#include "Passes.h"

#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace {
// Keep in step with the driver's contract flags (driver/compile.c).
constexpr const char *Denied =
    "-avx512f,-sse4a,-fma4,-xop,-tbm,-prfchw,-gfni,-avxvnni,-avxvnniint8,"
    "-avxvnniint16,-avxifma,-avxneconvert,-vaes,-vpclmulqdq,-sha,-sha512,-sm3,"
    "-sm4,-clflushopt,-clwb,-amx-tile";
} // namespace

PreservedAnalyses sfi::TargetFeaturesPass::run(Module &M, ModuleAnalysisManager &) {
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    StringRef Old = F.getFnAttribute("target-features").getValueAsString();
    F.addFnAttr("target-features", Old.empty() ? std::string(Denied)
                                               : (Old + "," + Denied).str());
  }
  return PreservedAnalyses::none();
}
