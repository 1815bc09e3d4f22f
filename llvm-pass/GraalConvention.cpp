// Moves all sandboxed code onto graalcc.
//
// graalcc is the SysV x86-64 convention with %r14/%r15 reserved. The X86
// backend reserves them in every function *defined* with graalcc, whatever its
// callees use, so the definitions are what protect the registers (that is also
// why libcalls the backend emits with the C convention, memcpy or __divti3,
// are harmless). Declarations and call sites are switched as well, because
// LLVM treats a call whose convention differs from its callee's definition as
// undefined (InstCombine turns it into unreachable) and musttail demands equal
// conventions. Intrinsics and inline asm are not calls to code with a
// convention and keep theirs.
//
// Conventions LLVM picks on its own (GlobalOpt makes internal functions fastcc,
// some targets use coldcc) are rewritten with all their call sites. A
// convention the *source* asked for (preserve_most, ms_abi, interrupt,
// swiftcall, ...) is a promise to code outside the compiler about which
// registers carry arguments or survive a call; we cannot keep that promise and
// reserve %r14/%r15 at once, so it is an error rather than a silent rewrite.
#include "Passes.h"

#include "llvm/IR/CallingConv.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <string>

using namespace llvm;

namespace {

bool isRetargetable(CallingConv::ID CC) {
  switch (CC) {
  case CallingConv::C:
  case CallingConv::X86_64_SysV: // == C on the SysV targets we build for
  case CallingConv::Fast:
  case CallingConv::Cold:
  case CallingConv::GRAAL:
    return true;
  default:
    return false;
  }
}

// The spelling the user wrote, so the error points at their attribute.
std::string sourceName(CallingConv::ID CC) {
  switch (CC) {
  case CallingConv::PreserveMost: return "preserve_most";
  case CallingConv::PreserveAll: return "preserve_all";
  case CallingConv::PreserveNone: return "preserve_none";
  case CallingConv::Win64: return "ms_abi";
  case CallingConv::X86_INTR: return "interrupt";
  case CallingConv::X86_RegCall: return "regcall";
  case CallingConv::X86_VectorCall: return "vectorcall";
  case CallingConv::Swift: return "swiftcall";
  case CallingConv::SwiftTail: return "swiftasynccall";
  default: return "#" + std::to_string(CC);
  }
}

std::string refusal(CallingConv::ID CC) {
  return "calling convention '" + sourceName(CC) +
         "', which cannot be sandboxed: sandboxed code must use graalcc, "
         "which reserves %r14/%r15 [" + sfi::RuleGraalcc + "]";
}

void diagnose(const Function &F, const std::string &Msg,
              const DiagnosticLocation &Loc = DiagnosticLocation()) {
  F.getContext().diagnose(DiagnosticInfoUnsupported(F, Msg, Loc));
}

bool isIntrinsicCall(const CallBase &Call) {
  auto *Callee = dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
  return Callee && Callee->isIntrinsic();
}

} // namespace

PreservedAnalyses sfi::GraalConventionPass::run(Module &M,
                                                ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    if (F.isIntrinsic())
      continue;
    CallingConv::ID CC = F.getCallingConv();
    if (!isRetargetable(CC))
      diagnose(F, "function '" + F.getName().str() + "' uses " + refusal(CC));
    else if (CC != CallingConv::GRAAL) {
      F.setCallingConv(CallingConv::GRAAL);
      Changed = true;
    }

    for (Instruction &I : instructions(F)) {
      auto *Call = dyn_cast<CallBase>(&I);
      if (!Call || Call->isInlineAsm() || isIntrinsicCall(*Call))
        continue;
      CallingConv::ID CallCC = Call->getCallingConv();
      if (isRetargetable(CallCC)) {
        if (CallCC != CallingConv::GRAAL) {
          Call->setCallingConv(CallingConv::GRAAL);
          Changed = true;
        }
        continue;
      }
      // A direct call to a refused function was reported with the function.
      auto *Callee = dyn_cast<Function>(Call->getCalledOperand());
      if (!Callee || Callee->getCallingConv() != CallCC)
        diagnose(F, "call uses " + refusal(CallCC), I.getDebugLoc());
    }
  }
  if (!Changed)
    return PreservedAnalyses::all();
  // Only conventions changed; no instruction or block did.
  PreservedAnalyses PA;
  PA.preserveSet<CFGAnalyses>();
  return PA;
}
