// R12: %rsp stays inside the slot.
//
// push/pop/call/ret move it by 8 (implicit writes, fine). Explicit 64-bit writes become the
// rsp-rebase sequence: a 32-bit write of %esp (which zero-extends) followed by addq %r15,%rsp.
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"

using namespace llvm;

namespace sfi {

bool SandboxStreamer::expandStackPointer(const MCInst &Inst, SMLoc Loc, bool &Ok) {
  StringRef Name = N.opName(Inst.getOpcode());
  SmallVector<MCInst, 4> Seq;
  MCInst Rebase = make("ADD64rr", {reg(N.RSP), reg(N.RSP), reg(N.R15)});

  if (Name == "LEAVE64" || Name == "LEAVE") {
    // leave = movq %rbp,%rsp; popq %rbp
    Seq.push_back(make("MOV32rr", {reg(N.ESP), reg(N.EBP)}));
    Seq.push_back(Rebase);
    emitSeq(Seq, true);
    out(make("POP64r", {reg(N.RBP)}));
    count(StatRspRebase);
    return true;
  }

  SmallVector<unsigned, 2> Defs;
  explicitDefs(Inst, Defs);
  bool WritesSp = false, Writes64 = false;
  for (unsigned R : Defs)
    if (N.gprIndex(R) == 4 && !N.isHighByte(R)) {
      WritesSp = true;
      Writes64 |= R == N.RSP;
    }
  if (!WritesSp)
    return false;
  auto Fail = [&](const Twine &Why) {
    Ok = error(Loc, "write of the stack pointer: " + Why, 12);
    return true;
  };
  if (!Writes64 || Defs.size() != 1)
    return Fail("only 64-bit writes can be rebased");

  if (Name == "SUB64ri32" || Name == "SUB64ri8" || Name == "ADD64ri32" || Name == "ADD64ri8") {
    const MCOperand &Imm = Inst.getOperand(2);
    bool Small = Imm.isImm() && isInt<8>(Imm.getImm());
    std::string Op = (Name.substr(0, 3) + "32ri" + (Small ? "8" : "")).str();
    Seq.push_back(make(Op, {reg(N.ESP), reg(N.ESP), Imm}));
  } else if (Name == "SUB64rr" || Name == "ADD64rr") {
    unsigned Src = Inst.getOperand(2).getReg();
    if (N.gprIndex(Src) == 15)
      return Fail("adding %r15 twice");
    std::string Op = (Name.substr(0, 3) + "32rr").str();
    Seq.push_back(make(Op, {reg(N.ESP), reg(N.ESP), reg(N.to32(Src))}));
  } else if (Name == "MOV64rr" || Name == "MOV64rr_REV") {
    Seq.push_back(make("MOV32rr", {reg(N.ESP), reg(N.to32(Inst.getOperand(1).getReg()))}));
  } else if (Name == "MOV64rm") {
    // movq m,%rsp (longjmp): movl m',%esp with m' masked per R11, then the rebase.
    MCInst L = Inst;
    L.setOpcode(N.op("MOV32rm"));
    L.getOperand(0) = reg(N.ESP);
    SmallVector<MCInst, 4> Pre, Post;
    if (!sandboxMemory(L, Loc, /*Force=*/!Opts.StoresOnly, Pre, Post)) {
      Ok = false;
      return true;
    }
    for (const MCInst &P : Pre)
      out(P);
    Seq.push_back(L);
  } else if (Name == "LEA64r") {
    MCInst L = Inst;
    L.setOpcode(N.op("LEA64_32r"));
    L.getOperand(0) = reg(N.ESP);
    L.getOperand(5) = reg(0); // a segment means nothing to lea
    Seq.push_back(L);
  } else if (Name == "AND64ri8" || Name == "AND64ri32") {
    // Stack realignment with a negative mask only clears low bits: stays above B.
    const MCOperand &Imm = Inst.getOperand(2);
    if (!Imm.isImm() || Imm.getImm() >= 0)
      return Fail("andq with a non-negative mask");
    emitSeq({Inst}, false);
    return true;
  } else {
    return Fail("unsupported instruction " + Name);
  }
  Seq.push_back(Rebase);
  emitSeq(Seq, true);
  count(StatRspRebase);
  return true;
}

} // namespace sfi
