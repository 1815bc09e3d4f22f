// Rejects code that names %r14/%r15 explicitly.
//
// graalcc keeps the register allocator off %r14/%r15, but source code can
// still name them: inline asm text, operands bound to them (a local
// `register long x asm("r15")` becomes the constraint "{r15}"), clobbers
// ("~{r14}") and file-scope asm. Each becomes an error at the user's source
// line, which is far friendlier than a rejection by the assembler-level
// rewriter. (Global register variables need no check: clang refuses r14/r15
// for them on x86.) This is a courtesy, not the enforcement point: asm can
// spell a register in ways a text scan cannot see (.irp, .byte), and sfi-as
// and the verifier reject those. It is also stricter than the contract, which
// lets code read %r15: telling a read from a write needs an assembler.
#include "Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

#include <algorithm>
#include <optional>
#include <string>

using namespace llvm;

namespace {

// Every width of %r14/%r15 ("l" is Intel's low-byte spelling), with or without
// the AT&T '%'. Returns the normalised "%r15d" form for messages.
std::optional<std::string> reservedReg(StringRef Name) {
  std::string Lower = Name.ltrim('%').lower();
  StringRef Rest(Lower);
  if (!Rest.consume_front("r14") && !Rest.consume_front("r15"))
    return std::nullopt;
  if (!Rest.empty() && Rest != "d" && Rest != "w" && Rest != "b" && Rest != "l")
    return std::nullopt;
  return "%" + Lower;
}

std::string reservedBecause(StringRef Reg) {
  return std::string(", which the sandbox reserves [") +
         (Reg.starts_with("%r15") ? sfi::RuleR15 : sfi::RuleR14) + "]";
}

// '.' and '$' belong to symbols (".Lr14"; AT&T "$r14" is an immediate), so a
// register name must be a whole token of these characters.
bool isSymbolChar(char C) {
  return isAlnum(C) || C == '_' || C == '.' || C == '$';
}

struct AsmHit {
  std::string Reg;
  size_t Offset;
};

// Bare names count, not only %-prefixed ones: Intel syntax (-masm=intel,
// ".intel_syntax noprefix") writes registers without '%'. A symbol or comment
// that happens to be called r14 is a false positive we accept.
std::optional<AsmHit> findReservedReg(StringRef Text) {
  for (size_t I = 0, E = Text.size(); I < E;) {
    if (!isSymbolChar(Text[I])) {
      ++I;
      continue;
    }
    size_t Start = I;
    while (I < E && isSymbolChar(Text[I]))
      ++I;
    if (auto Reg = reservedReg(Text.slice(Start, I)))
      return AsmHit{*Reg, Start};
  }
  return std::nullopt;
}

StringRef lineAt(StringRef Text, size_t Offset) {
  size_t Begin = Text.take_front(Offset).rfind('\n');
  Begin = Begin == StringRef::npos ? 0 : Begin + 1;
  return Text.substr(Begin).take_until([](char C) { return C == '\n'; }).trim();
}

// clang's "srcloc" holds one location per line of the asm string: a hit on
// line N of a multi-line asm is reported where that line starts in the source.
uint64_t locCookie(const CallBase &Call, StringRef Text, size_t Offset) {
  const MDNode *Locs = Call.getMetadata("srcloc");
  if (!Locs || Locs->getNumOperands() == 0)
    return 0;
  unsigned Line = std::min<size_t>(Text.take_front(Offset).count('\n'),
                                   Locs->getNumOperands() - 1);
  if (auto *C = mdconst::dyn_extract<ConstantInt>(Locs->getOperand(Line)))
    return C->getZExtValue();
  return 0;
}

void reportAsm(const CallBase &Call, uint64_t Cookie, std::string Msg) {
  // Without a clang location (IR input) the message must say where it is.
  if (Cookie == 0)
    Msg += " (in function '" + Call.getFunction()->getName().str() + "')";
  Call.getContext().diagnose(DiagnosticInfoInlineAsm(Cookie, Msg));
}

void checkInlineAsm(const CallBase &Call, const InlineAsm &IA) {
  StringRef Text = IA.getAsmString();
  if (auto Hit = findReservedReg(Text)) {
    std::string Msg = "inline asm uses " + Hit->Reg + reservedBecause(Hit->Reg);
    // A line of a multi-line asm starts where the previous "\n" was written,
    // often on the source line above; quoting it removes the doubt.
    if (Text.contains('\n'))
      Msg += ": '" + lineAt(Text, Hit->Offset).str() + "'";
    reportAsm(Call, locCookie(Call, Text, Hit->Offset), Msg);
  }

  uint64_t StmtCookie = locCookie(Call, Text, 0);
  for (const InlineAsm::ConstraintInfo &CI : IA.ParseConstraints()) {
    auto Check = [&](const std::vector<std::string> &Codes) {
      for (StringRef Code : Codes) {
        if (!Code.consume_front("{") || !Code.consume_back("}"))
          continue;
        if (auto Reg = reservedReg(Code))
          reportAsm(Call, StmtCookie,
                    (CI.Type == InlineAsm::isClobber
                         ? "inline asm clobbers "
                         : "inline asm binds an operand to ") +
                        *Reg + reservedBecause(*Reg));
      }
    };
    Check(CI.Codes);
    for (const InlineAsm::SubConstraintInfo &Alt : CI.multipleAlternatives)
      Check(Alt.Codes);
  }
}

// File-scope asm carries no source location, so quote the offending line.
void checkModuleAsm(const Module &M) {
  StringRef Text = M.getModuleInlineAsm();
  if (auto Hit = findReservedReg(Text))
    M.getContext().diagnose(DiagnosticInfoInlineAsm(
        "module-level asm uses " + Hit->Reg + reservedBecause(Hit->Reg) +
        ": '" + lineAt(Text, Hit->Offset).str() + "'"));
}

} // namespace

PreservedAnalyses sfi::ReservedRegCheckPass::run(Module &M,
                                                 ModuleAnalysisManager &) {
  checkModuleAsm(M);
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (auto *IA = dyn_cast<InlineAsm>(Call->getCalledOperand()))
          checkInlineAsm(*Call, *IA);
  return PreservedAnalyses::all();
}
