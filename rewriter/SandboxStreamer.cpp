#include "SandboxStreamer.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/Casting.h"
#include "llvm/MC/MCAsmBackend.h"
#include "llvm/MC/MCAssembler.h"
#include "llvm/MC/MCCodeEmitter.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCObjectWriter.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/MC/MCSymbol.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace sfi {

static const Align BundleAlign(32); // R5

SandboxStreamer::SandboxStreamer(MCContext &Ctx, std::unique_ptr<MCAsmBackend> TAB,
                                 std::unique_ptr<MCObjectWriter> OW,
                                 std::unique_ptr<MCCodeEmitter> CE, const X86Names &N,
                                 const MCSubtargetInfo &STI, const Options &Opts,
                                 const AlignSet &Labels)
    : MCELFStreamer(Ctx, std::move(TAB), std::move(OW), std::move(CE)), N(N), STI(STI),
      Opts(Opts), Labels(Labels) {
  MCELFStreamer::emitBundleAlignMode(BundleAlign);
}

// Hand-written input may say .bundle_align_mode 5 itself; any other size breaks R5.
void SandboxStreamer::emitBundleAlignMode(Align A) {
  if (A != BundleAlign)
    getContext().reportError(SMLoc(), "only .bundle_align_mode 5 is allowed [R5]");
}

void SandboxStreamer::out(const MCInst &I) { MCELFStreamer::emitInstruction(I, STI); }
void SandboxStreamer::lock(bool AlignToEnd) { MCELFStreamer::emitBundleLock(AlignToEnd); }
void SandboxStreamer::unlock() { MCELFStreamer::emitBundleUnlock(); }

bool SandboxStreamer::error(SMLoc L, const Twine &Msg, unsigned Rule) {
  getContext().reportError(L, Msg + " [R" + Twine(Rule) + "]");
  return false;
}

MCInst SandboxStreamer::make(StringRef Opcode, std::initializer_list<MCOperand> Ops) const {
  MCInst I;
  I.setOpcode(N.op(Opcode));
  for (const MCOperand &O : Ops)
    I.addOperand(O);
  return I;
}

void SandboxStreamer::appendTargetMask(SmallVectorImpl<MCInst> &Seq, unsigned R64) const {
  Seq.push_back(make("AND32ri8", {reg(N.to32(R64)), reg(N.to32(R64)), imm(-32)}));
  Seq.push_back(make("ADD64rr", {reg(R64), reg(R64), reg(N.R15)}));
}

void SandboxStreamer::emitSeq(ArrayRef<MCInst> Seq, bool Locked, bool AlignToEnd,
                              function_ref<void()> BeforeLast) {
  bool NeedLock = Locked || !Pending.empty();
  size_t First = Locked ? 0 : Seq.size() - 1;
  for (size_t I = 0; I < First; ++I)
    out(Seq[I]);
  if (NeedLock)
    lock(AlignToEnd);
  for (size_t I = First; I + 1 < Seq.size(); ++I)
    out(Seq[I]);
  if (BeforeLast)
    BeforeLast();
  // A prefix written as its own statement ("rep;movsb", "lock\n cmpxchg") must stay glued to
  // its instruction, after any mask the rewrite put in front.
  for (const MCInst &P : Pending)
    out(P);
  Pending.clear();
  out(Seq.back());
  if (NeedLock)
    unlock();
}

bool SandboxStreamer::inExecSection() {
  const auto *S = dyn_cast_or_null<MCSectionELF>(getCurrentSectionOnly());
  return S && (S->getFlags() & ELF::SHF_EXECINSTR);
}

bool SandboxStreamer::dataInCode(SMLoc Loc) {
  if (!inExecSection())
    return false;
  if (!Loc.isValid() && Parser)
    Loc = Parser->getTok().getLoc();
  error(Loc, "data directive in an executable section (code must decode as instructions)", 5);
  return true;
}

void SandboxStreamer::emitBytes(StringRef Data) {
  if (!dataInCode(SMLoc()))
    MCELFStreamer::emitBytes(Data);
}
void SandboxStreamer::emitValueImpl(const MCExpr *Value, unsigned Size, SMLoc Loc) {
  if (!dataInCode(Loc))
    MCELFStreamer::emitValueImpl(Value, Size, Loc);
}
void SandboxStreamer::emitULEB128Value(const MCExpr *Value) {
  if (!dataInCode(SMLoc()))
    MCELFStreamer::emitULEB128Value(Value);
}
void SandboxStreamer::emitSLEB128Value(const MCExpr *Value) {
  if (!dataInCode(SMLoc()))
    MCELFStreamer::emitSLEB128Value(Value);
}
void SandboxStreamer::emitFill(const MCExpr &NumBytes, uint64_t FillValue, SMLoc Loc) {
  if (!dataInCode(Loc))
    MCELFStreamer::emitFill(NumBytes, FillValue, Loc);
}
void SandboxStreamer::emitFill(const MCExpr &NumValues, int64_t Size, int64_t Expr, SMLoc Loc) {
  if (!dataInCode(Loc))
    MCELFStreamer::emitFill(NumValues, Size, Expr, Loc);
}
void SandboxStreamer::emitValueToAlignment(Align A, int64_t Value, unsigned ValueSize,
                                           unsigned MaxBytesToEmit) {
  // ".p2align 4, 0x90" in code: pad with real (multi-byte) NOPs whatever the fill value says.
  // MCObjectStreamer::emitCodeAlignment calls back in here to create the fragment.
  if (inExecSection() && !InCodeAlignment) {
    InCodeAlignment = true;
    emitCodeAlignment(A, &STI, MaxBytesToEmit);
    InCodeAlignment = false;
  } else
    MCELFStreamer::emitValueToAlignment(A, Value, ValueSize, MaxBytesToEmit);
}

void SandboxStreamer::emitLabel(MCSymbol *Sym, SMLoc Loc) {
  if (!Pending.empty()) {
    error(PendingLoc, "instruction prefix not followed by an instruction", 16);
    Pending.clear();
  }
  // Indirect control flow only reaches bundle starts (R5, R9): align every label whose address
  // escapes (pass 1 found them).
  if (!Sym->getName().empty() && Labels.Names.count(Sym->getName()) && inExecSection()) {
    emitCodeAlignment(BundleAlign, &STI);
    count(StatAlignedLabel);
  }
  MCELFStreamer::emitLabel(Sym, Loc);
  if (inExecSection() && !getCurrentSectionOnly()->isBundleLocked())
    pinLabels();
}

// A label in code sits in a data fragment, and two things in MC 19 get its address wrong when
// bundle padding follows. (1) The layout moves an empty fragment right before a padded
// bundle-locked group (a call's align_to_end) to after the padding, and its labels with it: a
// function starting with a call would not start at its bundle (R21 exports, R9 masked targets).
// (2) A difference of labels (an FDE's range, a DWARF high_pc) is folded when it is emitted, by
// adding up the sizes of the data fragments in between, before the layout has inserted any
// padding: FDEs ended short of their function's last instructions. A zero-size alignment
// fragment after the label stops both: the layout does not move the label past it, and the
// early folding gives up there and leaves the difference to the layout.
void SandboxStreamer::pinLabels() {
  insert(getContext().allocFragment<MCAlignFragment>(Align(1), 0, 1, 0));
}

void SandboxStreamer::emitInstruction(const MCInst &Inst, const MCSubtargetInfo &) {
  SMLoc Loc = Inst.getLoc();
  if (isStandalonePrefix(Inst.getOpcode())) {
    if (Pending.empty())
      PendingLoc = Loc;
    Pending.push_back(Inst);
    return;
  }
  if (!expand(Inst, Loc))
    Pending.clear();
}

bool SandboxStreamer::expand(const MCInst &Inst, SMLoc Loc) {
  if (!checkForbidden(Inst, Loc) || !checkReservedWrites(Inst, Loc))
    return false;
  bool Ok = true;
  if (expandControlFlow(Inst, Loc, Ok) || expandStringOp(Inst, Loc, Ok) ||
      expandStackPointer(Inst, Loc, Ok))
    return Ok;
  return expandMemory(Inst, Loc);
}

void SandboxStreamer::initSections(bool NoExecStack, const MCSubtargetInfo &STI) {
  MCELFStreamer::initSections(NoExecStack, STI);
  MCSection *Text = getCurrentSectionOnly();
  emitNote();
  switchSection(Text);
}

bool SandboxStreamer::finishSandbox() {
  if (!Pending.empty()) {
    error(PendingLoc, "instruction prefix not followed by an instruction", 16);
    Pending.clear();
  }
  SmallVector<MCSection *, 8> Exec;
  for (const MCSection &Sec : getAssembler())
    if (const auto *E = dyn_cast<MCSectionELF>(&Sec))
      if (E->getFlags() & ELF::SHF_EXECINSTR)
        Exec.push_back(const_cast<MCSection *>(&Sec));
  for (MCSection *Sec : Exec) {
    switchSection(Sec);
    emitCodeAlignment(BundleAlign, &STI);
  }
  return !getContext().hadError();
}

void SandboxStreamer::printStats(raw_ostream &OS) const {
  static const char *const Names[StatCount] = {
      "memory operands masked (R11)", "%fs: operands via TP_SLOT (R18)",
      "indirect jumps (R9)",          "indirect calls (R9)",
      "direct calls (R8)",            "returns (R10)",
      "rsp rebases (R12)",            "string ops (R13)",
      "syscalls (R18)",               "high-byte register swaps",
      "aligned labels",
  };
  for (int I = 0; I < StatCount; ++I)
    OS << "sfi-as: " << Names[I] << ": " << Stats[I] << "\n";
}

} // namespace sfi
