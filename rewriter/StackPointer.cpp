// R12: %rsp stays inside the slot.
//
// push/pop/call/ret move it by 8 (implicit writes, fine). Explicit 64-bit writes compute the new
// offset in %r14d (a 32-bit write, so below 2^32 by R4) and then set leaq (%r15,%r14,1),%rsp.
// %rsp never holds anything but an address in the slot: a signal delivered between the two
// instructions (on the current stack, when the host's handler has no SA_ONSTACK) still writes
// its frame into the slot, never into host memory at a 32-bit address.
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"

using namespace llvm;

namespace sfi {

bool SandboxStreamer::expandStackPointer(const MCInst &Inst, SMLoc Loc, bool &Ok) {
  StringRef Name = N.opName(Inst.getOpcode());
  SmallVector<MCInst, 4> Seq;
  MCInst Rebase = make("LEA64r", {reg(N.RSP), reg(N.R15), imm(1), reg(N.R14), imm(0), reg(0)});

  if (Name == "LEAVE64" || Name == "LEAVE") {
    // leave = movq %rbp,%rsp; popq %rbp
    Seq.push_back(make("MOV32rr", {reg(N.R14D), reg(N.EBP)}));
    Seq.push_back(Rebase);
    emitSeq(Seq, false);
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
    // lea instead of sub/add: flags are not kept, and no compiler reads them after an
    // adjustment of %rsp.
    const MCOperand &Imm = Inst.getOperand(2);
    if (!Imm.isImm())
      return Fail("a symbolic stack adjustment");
    int64_t Delta = Name.starts_with("SUB") ? -Imm.getImm() : Imm.getImm();
    if (!isInt<32>(Delta))
      return Fail("a stack adjustment beyond 32 bits");
    Seq.push_back(make("LEA64_32r", {reg(N.R14D), reg(N.RSP), imm(1), reg(0), imm(Delta), reg(0)}));
  } else if (Name == "SUB64rr" || Name == "ADD64rr") {
    unsigned Src = Inst.getOperand(2).getReg();
    if (N.gprIndex(Src) == 15)
      return Fail("adding %r15 twice");
    if (N.gprIndex(Src) == 14)
      return Fail("%r14 is the sandbox's scratch register");
    std::string Op = (Name.substr(0, 3) + "32rr").str();
    Seq.push_back(make("MOV32rr", {reg(N.R14D), reg(N.ESP)}));
    Seq.push_back(make(Op, {reg(N.R14D), reg(N.R14D), reg(N.to32(Src))}));
  } else if (Name == "MOV64rr" || Name == "MOV64rr_REV") {
    Seq.push_back(make("MOV32rr", {reg(N.R14D), reg(N.to32(Inst.getOperand(1).getReg()))}));
  } else if (Name == "MOV64rm") {
    // movq m,%rsp (longjmp): movl m',%r14d with m' masked per R11, then the rebase.
    MCInst L = Inst;
    L.setOpcode(N.op("MOV32rm"));
    L.getOperand(0) = reg(N.R14D);
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
    L.getOperand(0) = reg(N.R14D);
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
  emitSeq(Seq, false);
  count(StatRspRebase);
  return true;
}

} // namespace sfi
