// The sfi IR passes. Both run at clang's optimizer-last extension point (see
// SfiPass.cpp); both are "required" so that -O0's optnone functions and
// -opt-bisect-limit cannot skip them: skipping either one would compile code
// that is not sandboxable, silently.
#pragma once

#include "llvm/IR/PassManager.h"

namespace sfi {

// Rules of docs/sandbox-abi.md that the diagnostics cite, kept in one place so
// renumbering the document is a change here (and in tests/llvm-pass).
inline constexpr const char *RuleGraalcc = "R1"; // graalcc, r14/r15 never allocated
inline constexpr const char *RuleR15 = "R3";     // %r15 is the sandbox base
inline constexpr const char *RuleR14 = "R4";     // %r14 stays below 2^32

// Rejects code that names %r14/%r15 explicitly (inline asm text, constraints,
// clobbers, module asm). GraalConvention.cpp keeps the register allocator off
// them; this catches what the allocator never sees.
struct ReservedRegCheckPass : llvm::PassInfoMixin<ReservedRegCheckPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

// Moves every function and call site to graalcc (SysV with %r14/%r15
// reserved), and refuses conventions the source asked for explicitly.
struct GraalConventionPass : llvm::PassInfoMixin<GraalConventionPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

// Routes every indirectbr target through a register, so that sfi-as never
// needs %r11 to mask an intra-function jump (R9).
struct IndirectBranchOperandPass
    : llvm::PassInfoMixin<IndirectBranchOperandPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

// Appends the denied instruction sets to every function's target-features, so
// target_clones/target("arch=...") cannot bring back EVEX or other code
// outside R15.
struct TargetFeaturesPass : llvm::PassInfoMixin<TargetFeaturesPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }
};

} // namespace sfi
