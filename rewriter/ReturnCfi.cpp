// Call-frame information inside the rewritten return (R10).
//
// The input's CFI describes a plain `retq`, where the CFA is %rsp + 8 until the return. The
// rewrite pops the return address into %r11 first, so from the pop to the push that puts it back
// (or, in the thread-safe form, to the jmpq that ends the function) the CFA is %rsp + 0. An
// unwinder interrupted there (a profiler's signal, a debugger's step) would otherwise read the
// caller's frame 8 bytes off.
//
// The rows are absolute (DW_CFA_def_cfa_offset 0, then 8) rather than +-8 adjustments: at a
// return the CFA is %rsp + 8 by definition, whatever MC's offset tracking made of
// .cfi_remember_state/.cfi_restore_state. They are emitted only inside .cfi_startproc/
// .cfi_endproc and only while the CFA is computed from %rsp; a frame-pointer CFA does not move.
#include "SandboxStreamer.h"

#include "llvm/MC/MCAssembler.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCDwarf.h"
#include "llvm/MC/MCFragment.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace sfi {

bool SandboxStreamer::cfaIsRspBased() {
  if (!hasUnfinishedDwarfFrameInfo())
    return false;
  // The innermost open frame (the one .cfi_* directives would extend).
  ArrayRef<MCDwarfFrameInfo> Frames = getDwarfFrameInfos();
  for (const MCDwarfFrameInfo &F : llvm::reverse(Frames))
    if (!F.End)
      return F.CurrentCfaRegister == unsigned(N.MRI.getDwarfRegNum(N.RSP, true));
  return false;
}

void SandboxStreamer::setCfaOffsetHere(int64_t Offset) {
  CfiAfterLastInstruction = true;
  emitCFIDefCfaOffset(Offset);
  CfiAfterLastInstruction = false;
}

// The label a CFI row starts at (MCObjectStreamer's own is a plain label here). A row of the
// return sequence must start right after the last instruction emitted, which emitLabel cannot
// guarantee: with bundling on it opens a new fragment, which inside a bundle-locked group would
// take the rest of the group out of the group's fragment (and out of its padding), and outside a
// group the assembler moves an empty fragment in front of a padded group to after the padding.
// So that label goes at the end of the current fragment, which holds that instruction.
MCSymbol *SandboxStreamer::emitCFILabel() {
  MCSymbol *Label = getContext().createTempSymbol("cfi");
  if (!CfiAfterLastInstruction) {
    emitLabel(Label);
    return Label;
  }
  MCFragment *F = getCurrentFragment();
  uint64_t End;
  if (auto *DF = dyn_cast<MCDataFragment>(F))
    End = DF->getContents().size();
  else if (auto *CF = dyn_cast<MCCompactEncodedInstFragment>(F))
    End = CF->getContents().size();
  else
    report_fatal_error("sfi-as: CFI row after an instruction outside an instruction fragment");
  Label->setFragment(F);
  Label->setOffset(End);
  getAssembler().registerSymbol(*Label);
  return Label;
}

} // namespace sfi
