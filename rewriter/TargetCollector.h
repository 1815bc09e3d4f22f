// Pass 1: find the labels that must start a bundle.
//
// Indirect jumps and calls can only reach bundle starts (R5, R9), so every label whose address
// escapes must be 32-byte aligned: function entries, jump-table targets, landing pads and labels
// whose address is taken in code (computed goto). Jump tables come after the code that uses their
// targets, so one streaming pass cannot know; this collector parses the whole input once and
// records the names. It emits nothing.
#pragma once

#include "llvm/ADT/StringSet.h"
#include "llvm/MC/MCStreamer.h"

namespace sfi {

class X86Names;

struct AlignSet {
  llvm::StringSet<> Names;   // align these labels when they are defined in an executable section
  llvm::StringSet<> Weak;    // symbols declared .weak
  llvm::StringSet<> Defined; // symbols defined in this file
  // A weak symbol with no definition here may resolve to 0: a direct call would become
  // "call 0" (outside the code, R7), so such calls go through the GOT in the R9 form.
  bool isWeakUndef(llvm::StringRef S) const { return Weak.count(S) && !Defined.count(S); }
};

class TargetCollector : public llvm::MCStreamer {
public:
  TargetCollector(llvm::MCContext &Ctx, const X86Names &N, AlignSet &Out)
      : MCStreamer(Ctx), N(N), Out(Out) {}

  bool emitSymbolAttribute(llvm::MCSymbol *Sym, llvm::MCSymbolAttr Attr) override;
  void emitCommonSymbol(llvm::MCSymbol *, uint64_t, llvm::Align) override {}
  void emitZerofill(llvm::MCSection *, llvm::MCSymbol *, uint64_t, llvm::Align,
                    llvm::SMLoc) override {}
  void emitValueImpl(const llvm::MCExpr *Value, unsigned Size, llvm::SMLoc Loc) override;
  void emitULEB128Value(const llvm::MCExpr *Value) override;
  void emitSLEB128Value(const llvm::MCExpr *Value) override;
  void emitInstruction(const llvm::MCInst &Inst, const llvm::MCSubtargetInfo &STI) override;
  void emitLabel(llvm::MCSymbol *Sym, llvm::SMLoc Loc) override;
  void emitAssignment(llvm::MCSymbol *Sym, const llvm::MCExpr *Value) override;

private:
  void collect(const llvm::MCExpr *E);
  bool inAllocSection();

  const X86Names &N;
  AlignSet &Out;
};

} // namespace sfi
