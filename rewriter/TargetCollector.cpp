#include "TargetCollector.h"

#include "X86Names.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/Support/Casting.h"

using namespace llvm;

namespace sfi {

bool TargetCollector::emitSymbolAttribute(MCSymbol *Sym, MCSymbolAttr Attr) {
  // Function entries are exports or may have their address taken (R21).
  if (Attr == MCSA_ELF_TypeFunction || Attr == MCSA_ELF_TypeIndFunction)
    Out.Names.insert(Sym->getName());
  if (Attr == MCSA_Weak)
    Out.Weak.insert(Sym->getName());
  return true;
}

void TargetCollector::emitLabel(MCSymbol *Sym, SMLoc Loc) {
  Out.Defined.insert(Sym->getName());
  MCStreamer::emitLabel(Sym, Loc);
}

void TargetCollector::emitAssignment(MCSymbol *Sym, const MCExpr *Value) {
  Out.Defined.insert(Sym->getName());
  MCStreamer::emitAssignment(Sym, Value);
}

// Only references from loaded sections matter: debug sections also name labels inside functions
// (line ranges, inlined-call ranges), and aligning those would pad the code for nothing.
bool TargetCollector::inAllocSection() {
  const MCSection *S = getCurrentSectionOnly();
  const auto *E = dyn_cast_or_null<MCSectionELF>(S);
  return !E || (E->getFlags() & ELF::SHF_ALLOC);
}

void TargetCollector::collect(const MCExpr *E) {
  switch (E->getKind()) {
  case MCExpr::SymbolRef:
    Out.Names.insert(cast<MCSymbolRefExpr>(E)->getSymbol().getName());
    return;
  case MCExpr::Binary:
    collect(cast<MCBinaryExpr>(E)->getLHS());
    collect(cast<MCBinaryExpr>(E)->getRHS());
    return;
  case MCExpr::Unary:
    collect(cast<MCUnaryExpr>(E)->getSubExpr());
    return;
  default:
    return;
  }
}

void TargetCollector::emitValueImpl(const MCExpr *Value, unsigned Size, SMLoc Loc) {
  // Jump tables (.long .LBB0_3-.LJTI0_0), function-pointer tables, .quad .Ltmp (computed goto).
  if (inAllocSection())
    collect(Value);
}

// Exception tables encode landing pads as uleb128 offsets; the unwinder jumps there indirectly.
void TargetCollector::emitULEB128Value(const MCExpr *Value) {
  if (inAllocSection())
    collect(Value);
}
void TargetCollector::emitSLEB128Value(const MCExpr *Value) {
  if (inAllocSection())
    collect(Value);
}

void TargetCollector::emitInstruction(const MCInst &Inst, const MCSubtargetInfo &) {
  // A direct jump's target needs no alignment (R7), but any other symbol operand in code may
  // take an address (leaq .Ltmp0(%rip),%rax for computed goto; leaq f(%rip) for a callback).
  // Direct call targets are functions: align them too.
  const MCInstrDesc &D = N.MII.get(Inst.getOpcode());
  if (D.isBranch() && !D.isIndirectBranch())
    return;
  for (const MCOperand &Op : Inst)
    if (Op.isExpr())
      collect(Op.getExpr());
}

} // namespace sfi
