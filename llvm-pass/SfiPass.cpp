// Plugin entry point: puts the sfi passes into clang's pipeline.
//
//   clang-19 -fpass-plugin=libSfiPass.so ...            (any -O level)
//   opt-19 -load-pass-plugin=libSfiPass.so -passes=sfi  (tests, IR input)
#include "Passes.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace {

void addSfiPasses(ModulePassManager &MPM) {
  // Check first: the diagnostics should describe the code as the user wrote
  // it, before any call site changes convention.
  MPM.addPass(sfi::ReservedRegCheckPass());
  MPM.addPass(sfi::GraalConventionPass());
  MPM.addPass(sfi::IndirectBranchOperandPass());
  MPM.addPass(sfi::TargetFeaturesPass());
}

void registerCallbacks(PassBuilder &PB) {
  // Optimizer-last, not pipeline-start: the optimizer only recognises library
  // calls (printf->puts, strlen folding, memcpy idioms) on C-compatible call
  // sites, so going graalcc early would switch those optimisations off. It
  // also means calls the optimizer creates are already in the module when we
  // run. LLVM 19's -O0 pipeline (buildO0DefaultPipeline) invokes these
  // callbacks as well, so this single hook covers -O0..-O3, -Os and -Oz, and
  // the ThinLTO/full-LTO pre-link pipelines.
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { addSfiPasses(MPM); });

  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "sfi")
          addSfiPasses(MPM);
        else if (Name == "sfi-check-regs")
          MPM.addPass(sfi::ReservedRegCheckPass());
        else if (Name == "sfi-graalcc")
          MPM.addPass(sfi::GraalConventionPass());
        else if (Name == "sfi-indirectbr")
          MPM.addPass(sfi::IndirectBranchOperandPass());
        else
          return false;
        return true;
      });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "SfiPass", "0.1", registerCallbacks};
}
