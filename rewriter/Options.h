// Command-line options of sfi-as that change the emitted code (docs/sandbox-abi.md R10, R11).
#pragma once

namespace sfi {

struct Options {
  bool StoresOnly = false;        // R11 policy "stores-only": mask written operands only
  bool ThreadSafeReturns = false; // R10: return through jmpq *%r11 instead of pushq+retq
  bool Stats = false;             // print per-rewrite counts to stderr
};

} // namespace sfi
