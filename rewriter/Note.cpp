// R20: the .note.sfi section that records ABI version, memory mode, policy and flags.
#include "SandboxStreamer.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCSectionELF.h"

using namespace llvm;

namespace sfi {

void SandboxStreamer::emitNote() {
  MCSection *Note = getContext().getELFSection(".note.sfi", ELF::SHT_NOTE, ELF::SHF_ALLOC);
  switchSection(Note);
  emitValueToAlignment(Align(4), 0, 1, 0);
  emitIntValue(4, 4);  // namesz: "SFI\0"
  emitIntValue(16, 4); // descsz
  emitIntValue(1, 4);  // type
  emitBytes(StringRef("SFI\0", 4));
  emitIntValue(1, 4);                            // ABI version
  emitIntValue(0, 4);                            // memory mode: mask (R24)
  emitIntValue(Opts.StoresOnly ? 1 : 0, 4);      // policy (R11)
  emitIntValue(Opts.ThreadSafeReturns ? 1 : 0, 4); // flags bit 0: thread-safe returns (R10)
}

} // namespace sfi
