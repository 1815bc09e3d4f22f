// R13: string instructions and masked moves use %rdi/%rsi implicitly; rebase them into the slot
// right before the instruction, in the same bundle.
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"

using namespace llvm;

namespace sfi {

bool SandboxStreamer::expandStringOp(const MCInst &Inst, SMLoc Loc, bool &Ok) {
  StringRef Name = N.opName(Inst.getOpcode());
  bool UsesDi, UsesSi, Writes;
  // MOVSB..MOVSQ etc.: exactly 4 letters plus a width, which excludes MOVSX, CMPSS, ...
  bool Str = Name.size() == 5 && StringRef("BWLQ").contains(Name.back());
  StringRef Base = Name.take_front(4);
  if (Str && Base == "MOVS") {
    UsesDi = UsesSi = Writes = true;
  } else if (Str && Base == "STOS") {
    UsesDi = Writes = true, UsesSi = false;
  } else if (Str && Base == "LODS") {
    UsesSi = true, UsesDi = Writes = false;
  } else if (Str && Base == "CMPS") {
    UsesDi = UsesSi = true, Writes = false;
  } else if (Str && Base == "SCAS") {
    UsesDi = true, UsesSi = Writes = false;
  } else if (Name.contains("MASKMOVDQU") || Name.starts_with("MMX_MASKMOVQ")) {
    UsesDi = Writes = true, UsesSi = false;
  } else {
    return false;
  }

  // Operands of string ops: pointer registers and segment. %fs/%gs or 32-bit pointers (67
  // prefix) would step outside the slot.
  for (const MCOperand &Op : Inst) {
    if (!Op.isReg() || !Op.getReg())
      continue;
    unsigned R = Op.getReg();
    if (R == N.FS || R == N.GS) {
      Ok = error(Loc, "string instruction with a %fs/%gs segment", 13);
      return true;
    }
    if (R == N.EDI || R == N.ESI) {
      Ok = error(Loc, "string instruction with 32-bit addresses", 16);
      return true;
    }
  }
  if (Opts.StoresOnly) {
    UsesSi = false; // only the written side is rebased under stores-only
    UsesDi &= Writes;
  }
  SmallVector<MCInst, 6> Seq;
  auto Rebase = [&](unsigned R64) {
    unsigned R32 = N.to32(R64);
    Seq.push_back(make("MOV32rr", {reg(R32), reg(R32)}));
    Seq.push_back(make("LEA64r", {reg(R64), reg(N.R15), imm(1), reg(R64), imm(0), reg(0)}));
  };
  if (UsesSi)
    Rebase(N.RSI);
  if (UsesDi)
    Rebase(N.RDI);
  Seq.push_back(Inst);
  emitSeq(Seq, Seq.size() > 1);
  if (Seq.size() > 1)
    count(StatStringOp);
  return true;
}

} // namespace sfi
