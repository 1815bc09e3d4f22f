// Keeps the target of every indirectbr (computed goto) in a register.
//
// ISel folds a load into the jump (`goto *tab[i]` becomes `jmpq *(%rdx,%r8,8)`).
// sfi-as can only mask a memory-indirect jump by loading the target into %r11
// first (R9), and %r11 may hold a live value across an intra-function jump (it
// does in Debian's lua interpreter loop). A register target is masked in place
// and, for a valid target, left unchanged, so it needs no scratch register.
// An empty inline asm that passes the address through a register ("=r,0") is
// opaque to every later fold and costs no instruction.
#include "Passes.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"

using namespace llvm;

PreservedAnalyses sfi::IndirectBranchOperandPass::run(Module &M,
                                                      ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    for (BasicBlock &BB : F) {
      auto *IBr = dyn_cast<IndirectBrInst>(BB.getTerminator());
      if (!IBr)
        continue;
      Value *Target = IBr->getAddress();
      auto *Ty = FunctionType::get(Target->getType(), {Target->getType()},
                                   /*isVarArg=*/false);
      InlineAsm *Identity = InlineAsm::get(Ty, "", "=r,0",
                                           /*hasSideEffects=*/false);
      IRBuilder<> B(IBr);
      IBr->setAddress(B.CreateCall(Identity, {Target}, "sfi.ibr.target"));
      Changed = true;
    }
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
