// Pass 2: the sandboxing streamer.
//
// The MC asm parser hands every parsed instruction to emitInstruction(). Instead of encoding it
// as is, this streamer expands it into its sandboxed form (docs/sandbox-abi.md R8-R18) and emits
// the pieces through the ordinary ELF object streamer, with MC bundle alignment (32 bytes, R5)
// doing the padding. Each rule lives in its own file; this class holds the shared plumbing:
// emitting, bundle locking, diagnostics, statistics and label alignment.
#pragma once

#include "Options.h"
#include "TargetCollector.h"
#include "X86Names.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/MC/MCELFStreamer.h"
#include "llvm/MC/MCInst.h"
#include "llvm/MC/MCParser/MCAsmParser.h"

namespace sfi {

enum Stat {
  StatMemMask,      // R11 leal mask + rewritten operand
  StatFsAccess,     // R18 %fs: operand through TP_SLOT
  StatIndirectJmp,  // R9
  StatIndirectCall, // R9 + R8
  StatDirectCall,   // R8
  StatReturn,       // R10
  StatRspRebase,    // R12
  StatStringOp,     // R13
  StatSyscall,      // R18
  StatHighByteSwap, // %ah..%dh next to a REX memory operand
  StatAlignedLabel, // function entries and address-taken labels
  StatCount
};

// A memory operand inside an MCInst: 5 consecutive operands base, scale, index, disp, segment.
struct MemRef {
  int Idx = -1; // operand index of the base, -1 if none
  bool valid() const { return Idx >= 0; }
};

class SandboxStreamer : public llvm::MCELFStreamer {
public:
  SandboxStreamer(llvm::MCContext &Ctx, std::unique_ptr<llvm::MCAsmBackend> TAB,
                  std::unique_ptr<llvm::MCObjectWriter> OW,
                  std::unique_ptr<llvm::MCCodeEmitter> CE, const X86Names &N,
                  const llvm::MCSubtargetInfo &STI, const Options &Opts, const AlignSet &Labels);

  void emitInstruction(const llvm::MCInst &Inst, const llvm::MCSubtargetInfo &STI) override;
  void emitLabel(llvm::MCSymbol *Sym, llvm::SMLoc Loc = llvm::SMLoc()) override;
  void emitBundleAlignMode(llvm::Align Alignment) override;

  // R5: every byte of code is decoded as instructions, so data directives are rejected in
  // executable sections and alignment there is always NOP padding.
  void emitBytes(llvm::StringRef Data) override;
  void emitValueImpl(const llvm::MCExpr *Value, unsigned Size, llvm::SMLoc Loc) override;
  void emitULEB128Value(const llvm::MCExpr *Value) override;
  void emitSLEB128Value(const llvm::MCExpr *Value) override;
  void emitFill(const llvm::MCExpr &NumBytes, uint64_t FillValue, llvm::SMLoc Loc) override;
  void emitFill(const llvm::MCExpr &NumValues, int64_t Size, int64_t Expr,
                llvm::SMLoc Loc) override;
  void emitValueToAlignment(llvm::Align Alignment, int64_t Value, unsigned ValueSize,
                            unsigned MaxBytesToEmit) override;

  // After the parse, before MCStreamer::finish(): pad every executable section to a bundle
  // boundary with NOPs (the linker fills gaps between input sections with int3, which would
  // then be decoded as code, R5/R14), and report a trailing standalone prefix. Returns false
  // on error.
  bool finishSandbox();

  // The parser, for source locations of directives (instructions carry their own).
  void setParser(llvm::MCAsmParser *P) { Parser = P; }
  // The note (R20) goes out right after the parser sets up the default sections.
  void initSections(bool NoExecStack, const llvm::MCSubtargetInfo &STI) override;

  void printStats(llvm::raw_ostream &OS) const;

private:
  // --- plumbing (SandboxStreamer.cpp)
  void out(const llvm::MCInst &I); // encode one instruction now, no rewriting
  void pinLabels(); // the labels emitted so far keep their address (see emitLabel)
  void lock(bool AlignToEnd);
  void unlock();
  // Emits Seq; the pending prefixes go right before Seq.back(). Locked: the whole Seq is one
  // bundle-locked group (a sequence of R6); otherwise only prefixes+last instruction are.
  // BeforeLast runs between the last two instructions (for CFI rows inside the group).
  void emitSeq(llvm::ArrayRef<llvm::MCInst> Seq, bool Locked, bool AlignToEnd = false,
               llvm::function_ref<void()> BeforeLast = nullptr);
  bool error(llvm::SMLoc L, const llvm::Twine &Msg, unsigned Rule);
  void count(Stat S) { ++Stats[S]; }
  llvm::MCInst make(llvm::StringRef Opcode, std::initializer_list<llvm::MCOperand> Ops) const;
  static llvm::MCOperand reg(unsigned R) { return llvm::MCOperand::createReg(R); }
  static llvm::MCOperand imm(int64_t V) { return llvm::MCOperand::createImm(V); }
  // andl $-32,%eR ; addq %r15,%rR  (the mask of R9/R10)
  void appendTargetMask(llvm::SmallVectorImpl<llvm::MCInst> &Seq, unsigned R64) const;
  bool inExecSection();
  bool dataInCode(llvm::SMLoc Loc); // reports R5 if in an executable section
  bool expand(const llvm::MCInst &Inst, llvm::SMLoc Loc);

  // --- R14/R16 and R3/R4 (ForbiddenInsts.cpp)
  bool isStandalonePrefix(unsigned Opc) const;
  bool checkForbidden(const llvm::MCInst &I, llvm::SMLoc Loc);
  bool checkReservedWrites(const llvm::MCInst &I, llvm::SMLoc Loc);
  // --- R14/R15 encodings and instruction sets (InstructionSets.cpp)
  bool checkInstructionSet(const llvm::MCInst &I, llvm::SMLoc Loc);
  // Explicit register operands the instruction writes (defs, plus the register of xchg %rax,r).
  void explicitDefs(const llvm::MCInst &I, llvm::SmallVectorImpl<unsigned> &Regs) const;

  // --- R11/R18 (MemoryMask.cpp)
  MemRef findMem(const llvm::MCInst &I) const;
  bool isMemoryAccess(const llvm::MCInst &I) const;
  bool isWrite(const llvm::MCInst &I) const;
  // Rewrites I's memory operand into an allowed form (R11 a-d); Pre receives the instructions
  // that must come before I, Post those that come after. PostIncrement: the instruction moves
  // %rsp by +8 before it computes the address (pop m).
  bool sandboxMemory(llvm::MCInst &I, llvm::SMLoc Loc, bool Force,
                     llvm::SmallVectorImpl<llvm::MCInst> &Pre,
                     llvm::SmallVectorImpl<llvm::MCInst> &Post);
  bool expandMemory(const llvm::MCInst &Inst, llvm::SMLoc Loc);

  // --- R8/R9/R10/R18 (ControlFlow.cpp); return false if Inst is not theirs
  bool expandControlFlow(const llvm::MCInst &Inst, llvm::SMLoc Loc, bool &Ok);

  // --- CFI inside the R10 return (ReturnCfi.cpp)
  bool cfaIsRspBased(); // inside .cfi_startproc, with the CFA computed from %rsp
  void setCfaOffsetHere(int64_t Offset); // CFA = %rsp + Offset after the last instruction
  llvm::MCSymbol *emitCFILabel() override;
  bool CfiAfterLastInstruction = false; // emitCFILabel: at the end of the last instruction

  // --- R12 (StackPointer.cpp)
  bool expandStackPointer(const llvm::MCInst &Inst, llvm::SMLoc Loc, bool &Ok);

  // --- R13 (StringOps.cpp)
  bool expandStringOp(const llvm::MCInst &Inst, llvm::SMLoc Loc, bool &Ok);

  // --- R20 (Note.cpp)
  void emitNote();

  const X86Names &N;
  const llvm::MCSubtargetInfo &STI;
  const Options &Opts;
  const AlignSet &Labels;
  llvm::MCAsmParser *Parser = nullptr;
  bool InCodeAlignment = false;
  llvm::SmallVector<llvm::MCInst, 4> Pending; // standalone prefixes (lock; rep; ...)
  llvm::SMLoc PendingLoc;
  unsigned Stats[StatCount] = {};
};

} // namespace sfi
