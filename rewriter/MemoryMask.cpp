// R11 (memory operands) and the %fs: half of R18 (thread pointer).
//
// Every explicit memory operand that accesses memory must end up in one of the forms of R11:
//   a. disp(%r15,%r14,1)  |disp| < D      b. disp(%rsp)  |disp| < D
//   c. disp(%rip)                          d. disp(%r15)  0 <= disp < 2^31
// Anything else gets "leal <operand>, %r14d" in front (the 32-bit lea is the mask: it keeps the
// low 32 bits of the address) and the access moves to (%r15,%r14,1).
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"

using namespace llvm;

namespace sfi {

static constexpr int64_t D = 0x8000;          // largest unmasked displacement (exclusive)
static constexpr int64_t TpSlot = 0x10000;    // R2: TP_SLOT offset from the base

MemRef SandboxStreamer::findMem(const MCInst &I) const {
  const MCInstrDesc &Desc = N.MII.get(I.getOpcode());
  ArrayRef<MCOperandInfo> Ops = Desc.operands();
  for (unsigned K = 0; K < Ops.size() && K < I.getNumOperands(); ++K)
    if (Ops[K].OperandType == MCOI::OPERAND_MEMORY)
      return MemRef{int(K)};
  return MemRef{};
}

// lea computes an address and the multi-byte nop only looks like an access (R11).
bool SandboxStreamer::isMemoryAccess(const MCInst &I) const {
  StringRef Name = N.opName(I.getOpcode());
  return !Name.starts_with("LEA") && !Name.starts_with("NOOP");
}

// Under --stores-only only written operands are masked. An instruction with a memory operand
// that LLVM marks neither load nor store is treated as a store: unknown means unsafe.
bool SandboxStreamer::isWrite(const MCInst &I) const {
  const MCInstrDesc &Desc = N.MII.get(I.getOpcode());
  return Desc.mayStore() || !Desc.mayLoad();
}

static bool isAllowedForm(const X86Names &N, unsigned Base, int64_t Scale, unsigned Index,
                          const MCOperand &Disp) {
  if (Base == N.RIP && !Index)
    return true; // c (the verifier checks the target against the image)
  if (!Disp.isImm())
    return false;
  int64_t V = Disp.getImm();
  if (Base == N.R15 && Index == N.R14 && Scale == 1)
    return V > -D && V < D; // a
  if (Base == N.RSP && !Index)
    return V > -D && V < D; // b
  if (Base == N.R15 && !Index)
    return V >= 0 && V < (int64_t(1) << 31); // d
  return false;
}

bool SandboxStreamer::sandboxMemory(MCInst &I, SMLoc Loc, bool Force,
                                    SmallVectorImpl<MCInst> &Pre,
                                    SmallVectorImpl<MCInst> &Post) {
  MemRef M = findMem(I);
  if (!M.valid())
    return true;
  int B = M.Idx;
  if (B + 4 >= int(I.getNumOperands()) || !I.getOperand(B).isReg() ||
      !I.getOperand(B + 1).isImm() || !I.getOperand(B + 2).isReg() ||
      !I.getOperand(B + 4).isReg())
    return error(Loc, "unsupported memory operand form (absolute moffs?)", 11);
  unsigned Base = I.getOperand(B).getReg();
  int64_t Scale = I.getOperand(B + 1).getImm();
  unsigned Index = I.getOperand(B + 2).getReg();
  MCOperand Disp = I.getOperand(B + 3);
  unsigned Seg = I.getOperand(B + 4).getReg();

  if (Seg == N.GS)
    return error(Loc, "%gs: memory operand", 18);
  if (Index && N.isVector(Index))
    return error(Loc, "VSIB memory operand (gather/scatter)", 14);
  bool Fs = Seg == N.FS;
  if (!Fs && (!Force || isAllowedForm(N, Base, Scale, Index, Disp)))
    return true;
  if (Base == N.RIP || Base == N.EIP)
    return error(Loc, "rip-relative operand with a segment or address-size override", 16);

  // The mask goes into %r14, so the instruction must not read it (a pure 32-bit def, e.g.
  // movl (%rax),%r14d, is fine: the mask is dead by then). Tied read-modify-write registers
  // appear again among the uses, so checking operands past the defs covers them.
  unsigned NumDefs = N.MII.get(I.getOpcode()).getNumDefs();
  for (unsigned K = NumDefs; K < I.getNumOperands(); ++K)
    if ((int(K) < B || int(K) > B + 4) && I.getOperand(K).isReg() &&
        N.gprIndex(I.getOperand(K).getReg()) == 14)
      return error(Loc, "instruction reads %r14, which its memory mask overwrites", 4);

  bool Is32 = (Base && N.isGR32(Base)) || (Index && N.isGR32(Index));
  // pop m computes the address after %rsp moved up by 8; our leal runs before the pop.
  if (N.opName(I.getOpcode()).starts_with("POP") && (Base == N.RSP || Base == N.ESP)) {
    if (!Disp.isImm())
      return error(Loc, "pop to a symbolic %rsp-relative address", 11);
    Disp = MCOperand::createImm(Disp.getImm() + 8);
  }

  MCOperand AccessDisp = MCOperand::createImm(0);
  if (Fs) {
    // R18: thread pointer + operand. TP_SLOT holds the absolute thread pointer; its low 32 bits
    // are the offset in the slot.
    if (Is32)
      return error(Loc, "%fs: operand with 32-bit address registers", 18);
    Pre.push_back(make("MOV32rm", {reg(N.R14D), reg(N.R15), imm(1), reg(0), imm(TpSlot), reg(0)}));
    auto Lea = [&](unsigned LBase, int64_t LScale, unsigned LIndex, MCOperand LDisp) {
      Pre.push_back(make("LEA64_32r",
                         {reg(N.R14D), reg(LBase), imm(LScale), reg(LIndex), LDisp, reg(0)}));
    };
    if (Base && Index) {
      Lea(N.R14, 1, Base, imm(0));
      Lea(N.R14, Scale, Index, Disp);
    } else if (Base == N.RSP) {
      Lea(N.RSP, 1, N.R14, Disp); // %rsp cannot be an index
    } else if (Base) {
      Lea(N.R14, 1, Base, Disp);
    } else if (Index) {
      Lea(N.R14, Scale, Index, Disp);
    } else if (!Disp.isImm() || Disp.getImm() <= -D || Disp.getImm() >= D) {
      Lea(N.R14, 1, 0, Disp); // a relocation (x@TPOFF) or a large offset
    } else {
      AccessDisp = Disp; // %fs:0, %fs:40: fits form a directly
    }
    count(StatFsAccess);
  } else {
    Pre.push_back(make(Is32 ? "LEA32r" : "LEA64_32r",
                       {reg(N.R14D), reg(Base), imm(Scale), reg(Index), Disp, reg(0)}));
    count(StatMemMask);
  }
  I.getOperand(B) = reg(N.R15);
  I.getOperand(B + 1) = imm(1);
  I.getOperand(B + 2) = reg(N.R14);
  I.getOperand(B + 3) = AccessDisp;
  I.getOperand(B + 4) = reg(0);

  // %ah..%dh cannot be encoded in an instruction with a REX prefix, which %r14/%r15 need.
  // Swap the high byte into the low byte around the access: xchg changes no flags.
  for (unsigned K = 0; K < I.getNumOperands(); ++K) {
    if (!I.getOperand(K).isReg() || !N.isHighByte(I.getOperand(K).getReg()))
      continue;
    unsigned H = I.getOperand(K).getReg();
    int G = N.gprIndex(H);
    unsigned L = N.lowOfHigh(H);
    const MCInstrDesc &Desc = N.MII.get(I.getOpcode());
    bool Clash = false;
    for (unsigned J = 0; J < I.getNumOperands(); ++J)
      if (J != K && I.getOperand(J).isReg() && N.gprIndex(I.getOperand(J).getReg()) == G &&
          I.getOperand(J).getReg() != H)
        Clash = true;
    for (MCPhysReg R : Desc.implicit_uses())
      Clash |= N.gprIndex(R) == G;
    for (MCPhysReg R : Desc.implicit_defs())
      Clash |= N.gprIndex(R) == G;
    if (Clash)
      return error(Loc, "high-byte register %" + StringRef(N.regName(H)).lower() +
                            " cannot be encoded with a masked memory operand",
                   11);
    for (unsigned J = 0; J < I.getNumOperands(); ++J)
      if (I.getOperand(J).isReg() && I.getOperand(J).getReg() == H)
        I.getOperand(J) = reg(L);
    MCInst X = make("XCHG8rr", {reg(L), reg(H), reg(L), reg(H)});
    Pre.push_back(X);
    Post.push_back(X);
    count(StatHighByteSwap);
    break;
  }
  return true;
}

bool SandboxStreamer::expandMemory(const MCInst &Inst, SMLoc Loc) {
  MCInst I = Inst;
  StringRef Name = N.opName(I.getOpcode());
  if (Name.starts_with("LEA") && I.getNumOperands() == 6 && I.getOperand(5).isReg()) {
    // lea ignores segments, but a %fs/%gs prefix byte is still rejected (R16): drop it.
    unsigned Seg = I.getOperand(5).getReg();
    if (Seg == N.GS)
      return error(Loc, "%gs: operand", 18);
    if (Seg == N.FS)
      I.getOperand(5) = reg(0);
  }
  MemRef M = findMem(I);
  if (!M.valid() || !isMemoryAccess(I)) {
    emitSeq({I}, false);
    return true;
  }
  bool Force = !Opts.StoresOnly || isWrite(I);
  SmallVector<MCInst, 4> Seq, Post;
  if (!sandboxMemory(I, Loc, Force, Seq, Post))
    return false;
  Seq.push_back(I);
  emitSeq(Seq, false);
  for (const MCInst &P : Post)
    out(P);
  return true;
}

} // namespace sfi
