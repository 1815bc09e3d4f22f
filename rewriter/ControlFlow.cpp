// R8 (calls end bundles), R9 (indirect jumps and calls), R10 (returns), R18 (syscall gate).
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/Support/Casting.h"

using namespace llvm;

namespace sfi {

static constexpr int64_t SyscallGate = 0x20020; // R19: GATES + 32*1

bool SandboxStreamer::expandControlFlow(const MCInst &Inst, SMLoc Loc, bool &Ok) {
  StringRef Name = N.opName(Inst.getOpcode());
  SmallVector<MCInst, 8> Seq;

  if (Name == "RET64") {
    // "rep ret" (an old AMD branch-predictor idiom) is just ret; rep is only for string ops.
    Pending.erase(std::remove_if(Pending.begin(), Pending.end(),
                                 [&](const MCInst &P) {
                                   return N.opName(P.getOpcode()) == "REP_PREFIX";
                                 }),
                  Pending.end());
    // The pop is not part of the sequence (R10); keeping it outside saves padding. From the pop
    // to the push (or the jmpq) the return address is off the stack: CFA = %rsp (ReturnCfi.cpp).
    bool Cfi = cfaIsRspBased();
    out(make("POP64r", {reg(N.R11)}));
    if (Cfi)
      setCfaOffsetHere(0);
    appendTargetMask(Seq, N.R11);
    if (Opts.ThreadSafeReturns) {
      Seq.push_back(make("JMP64r", {reg(N.R11)}));
      emitSeq(Seq, true);
    } else {
      Seq.push_back(make("PUSH64r", {reg(N.R11)}));
      Seq.push_back(make("RET64", {})); // fresh: drops a "rep ret" prefix flag
      emitSeq(Seq, true, /*AlignToEnd=*/false, [&] {
        if (Cfi)
          setCfaOffsetHere(8);
      });
    }
    // Code after the return is reached only by branches: its CFA is the one before the return.
    if (Cfi && Opts.ThreadSafeReturns)
      setCfaOffsetHere(8);
    count(StatReturn);
    return true;
  }
  if (Name.starts_with("RETI")) {
    Ok = error(Loc, "ret $imm is not allowed (callee-popped arguments)", 10);
    return true;
  }
  if (Name == "SYSCALL") {
    Seq.push_back(make("MOV32ri", {reg(N.R11D), imm(SyscallGate)}));
    appendTargetMask(Seq, N.R11);
    Seq.push_back(make("CALL64r", {reg(N.R11)}));
    emitSeq(Seq, true, /*AlignToEnd=*/true);
    count(StatSyscall);
    return true;
  }
  if ((Name == "CALL64pcrel32" || Name == "JMP_1" || Name == "JMP_4") &&
      Inst.getOperand(0).isExpr()) {
    // A call or tail call of a weak symbol with no definition here goes through the GOT: if
    // nobody defines it, the masked target is the (unmapped) slot base instead of "call 0".
    if (const auto *SR = dyn_cast<MCSymbolRefExpr>(Inst.getOperand(0).getExpr()))
      if (Labels.isWeakUndef(SR->getSymbol().getName())) {
        const MCExpr *Got = MCSymbolRefExpr::create(&SR->getSymbol(),
                                                    MCSymbolRefExpr::VK_GOTPCREL, getContext());
        out(make("MOV64rm", {reg(N.R11), reg(N.RIP), imm(1), reg(0),
                             MCOperand::createExpr(Got), reg(0)}));
        bool IsCall = Name == "CALL64pcrel32";
        appendTargetMask(Seq, N.R11);
        Seq.push_back(make(IsCall ? "CALL64r" : "JMP64r", {reg(N.R11)}));
        emitSeq(Seq, true, /*AlignToEnd=*/IsCall);
        count(IsCall ? StatIndirectCall : StatIndirectJmp);
        return true;
      }
  }
  if (Name == "CALL64pcrel32") {
    emitSeq({Inst}, true, /*AlignToEnd=*/true); // R8
    count(StatDirectCall);
    return true;
  }

  bool IsCall = Name.starts_with("CALL64");
  bool IsJmp = Name.starts_with("JMP64");
  if (!IsCall && !IsJmp)
    return false;
  bool ViaMem = Name.starts_with("CALL64m") || Name.starts_with("JMP64m");
  bool ViaReg = Name.starts_with("CALL64r") || Name.starts_with("JMP64r");
  if (!ViaMem && !ViaReg) {
    Ok = error(Loc, "unsupported indirect branch form " + Name, 9);
    return true;
  }
  unsigned Target;
  if (ViaMem) {
    // R9 rejects jmp/call *m: load the target into %r11 (never an argument register) first.
    MCInst Load = make("MOV64rm", {reg(N.R11)});
    for (const MCOperand &Op : Inst)
      Load.addOperand(Op);
    SmallVector<MCInst, 4> Pre, Post;
    if (!sandboxMemory(Load, Loc, /*Force=*/!Opts.StoresOnly, Pre, Post)) {
      Ok = false;
      return true;
    }
    for (const MCInst &P : Pre)
      out(P);
    out(Load);
    Target = N.R11;
  } else {
    Target = Inst.getOperand(0).getReg();
    int G = N.gprIndex(Target);
    if (G == 4 || G == 14 || G == 15) {
      Ok = error(Loc, "indirect branch through %" + StringRef(N.regName(Target)).lower(), 9);
      return true;
    }
  }
  appendTargetMask(Seq, Target);
  Seq.push_back(make(IsCall ? "CALL64r" : "JMP64r", {reg(Target)}));
  emitSeq(Seq, true, /*AlignToEnd=*/IsCall);
  count(IsCall ? StatIndirectCall : StatIndirectJmp);
  return true;
}

} // namespace sfi
