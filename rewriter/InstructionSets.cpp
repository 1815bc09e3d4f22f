// R14/R15: instruction sets. sfi-as refuses, at the source line, what the verifier's allow list
// (verifier/allowlist.c) would refuse in the object.
//
// The verifier keys its allow list on the ISA extension Zydis reports for each decoded
// instruction. LLVM 19's MC layer has no such per-opcode information: X86's ISA predicates
// (HasGFNI, HasAVXVNNI, ...) are codegen-only Predicates, not AssemblerPredicates, so TableGen
// leaves them out of the generated feature tables (the X86_MC helpers are not exported from
// libLLVM either), MCInstrDesc carries none, and the X86 asm parser accepts every extension
// whatever the subtarget's features say. What MC does give is each opcode's encoding form in
// TSFlags. So:
//   - EVEX (AVX-512, AVX10, APX, and {evex} forms of AVX on ymm0-15) is forbidden outright (R14);
//   - XOP (AMD) is not an allowed instruction set (R15);
//   - APX's extended registers %r16-%r31 need REX2 or EVEX (R15);
//   - VEX and legacy opcodes are AVX/AVX2/FMA/F16C/BMI/AES/PCLMULQDQ and the base/x87/MMX/SSE
//     sets, except for the extensions in the table below, named by LLVM opcode-name prefix.
// LLVM is pinned to 19 (README): the table was made by listing every VEX and legacy opcode in its
// MCInstrInfo and keeping those whose extension R15 does not name. The R14 classes that already
// have their own entry in ForbiddenInsts.cpp (system, MSR, TSX, CET, SGX, ...) are not repeated.
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"

using namespace llvm;

namespace sfi {

namespace {
struct OutsideSet {
  const char *Prefix; // LLVM opcode name prefix
  const char *Set;    // the instruction set (or instruction), as the diagnostic names it
};

const OutsideSet NotAllowed[] = {
    // VEX-encoded extensions beyond AVX2/FMA/F16C/BMI
    {"VGF2P8", "GFNI"}, {"GF2P8", "GFNI"},
    {"VPDPB", "AVX-VNNI"}, {"VPDPW", "AVX-VNNI"}, // also AVX-VNNI-INT8/INT16
    {"VPMADD52", "AVX-IFMA"}, {"VBCSTNE", "AVX-NE-CONVERT"}, {"VCVTNE", "AVX-NE-CONVERT"},
    {"VSHA512", "SHA512"}, {"VSM3", "SM3"}, {"VSM4", "SM4"}, {"CMPCCXADD", "CMPCCXADD"},
    {"VPERMIL2", "XOP (vpermil2)"}, {"TDP", "AMX"}, {"TCMM", "AMX"},
    // AES and PCLMULQDQ are allowed on xmm only; the ymm forms are VAES and VPCLMULQDQ
    {"VAESENCY", "VAES"}, {"VAESENCLASTY", "VAES"}, {"VAESDECY", "VAES"},
    {"VAESDECLASTY", "VAES"}, {"VPCLMULQDQY", "VPCLMULQDQ"},
    // legacy-encoded extensions
    {"SHA1", "SHA"}, {"SHA256", "SHA"},
    {"AESENC128KL", "Key Locker"}, {"AESENC256KL", "Key Locker"}, {"AESENCWIDE", "Key Locker"},
    {"AESDEC128KL", "Key Locker"}, {"AESDEC256KL", "Key Locker"}, {"AESDECWIDE", "Key Locker"},
    {"CLFLUSH", "CLFLUSH/CLFLUSHOPT"}, {"CLWB", "CLWB"}, {"CLDEMOTE", "CLDEMOTE"},
    {"FXSAVE", "FXSR (512-byte access)"}, {"FXRSTOR", "FXSR (512-byte access)"},
    {"EXTRQ", "SSE4A"}, {"INSERTQ", "SSE4A"}, {"MOVNTSD", "SSE4A"}, {"MOVNTSS", "SSE4A"},
    {"FEMMS", "3DNow!"}, {"PAVGUSB", "3DNow!"}, {"PF", "3DNow!"}, {"PI2F", "3DNow!"},
    {"PMULHRW", "3DNow!"}, {"PSWAPD", "3DNow!"},
    {"PREFETCHW", "PRFCHW (reserved-NOP space)"}, {"PREFETCHIT", "PREFETCHI (reserved-NOP space)"},
    {"MOVDIRI", "MOVDIRI"}, {"AADD", "RAO-INT"}, {"AAND", "RAO-INT"},
    {"AOR", "RAO-INT"}, {"AXOR", "RAO-INT"}, {"PBNDKB", "TSE"},
    {"XCRYPT", "VIA PadLock"}, {"XSHA", "VIA PadLock"}, {"XSTORE", "VIA PadLock"},
    {"MONTMUL", "VIA PadLock"}, {"SEAM", "TDX"}, {"TDCALL", "TDX"},
    {"JMPABS", "APX"}, {"PUSHP", "APX"}, {"POPP", "APX"},
};

// Single instructions that R15 names as not allowed.
const OutsideSet NotAllowedInsns[] = {
    {"UD1", "ud1 (only ud2 is allowed)"}, {"ENDBR32", "endbr32"}, {"RDPID", "rdpid"},
    {"XGETBV", "xgetbv"}, {"XSETBV", "xsetbv"}, {"RSM", "rsm"},
};

// AMD's FMA4 (vfmaddps with four operands): VEX-encoded like FMA3, whose names carry the
// operand order instead (VFMADD132PS...). FMA4's are VF<op>{PD,PS,SD,SS}4<form>.
bool isFma4(StringRef Name) {
  return Name.starts_with("VF") && (Name.contains("PD4") || Name.contains("PS4") ||
                                    Name.contains("SD4") || Name.contains("SS4"));
}

// The reserved-NOP space (0f 0d, 0f 18-0f 1f) is allowed only as the padding NOP 0f 1f /0 with a
// memory operand: LLVM's NOOPL/NOOPW/NOOPQ. The register forms and the 3DNow! "prefetch"
// (0f 0d /0) are hint NOPs where new instructions live.
bool isReservedHintNop(StringRef Name) {
  return Name == "NOOPLr" || Name == "NOOPWr" || Name == "NOOPQr" || Name == "PREFETCH";
}
} // namespace

bool SandboxStreamer::checkInstructionSet(const MCInst &I, SMLoc Loc) {
  unsigned Opc = I.getOpcode();
  switch (N.encoding(Opc)) {
  case X86Names::Encoding::EVEX:
    return error(Loc, "forbidden instruction: EVEX encoding (AVX-512, AVX10, APX)", 14);
  case X86Names::Encoding::XOP:
    return error(Loc, "instruction set XOP (AMD) is not on the allow list", 15);
  case X86Names::Encoding::Legacy:
  case X86Names::Encoding::VEX:
    break;
  }
  StringRef Name = N.opName(Opc);
  for (const OutsideSet &S : NotAllowed)
    if (Name.starts_with(S.Prefix))
      return error(Loc, Twine("instruction set ") + S.Set + " is not on the allow list", 15);
  if (isFma4(Name))
    return error(Loc, "instruction set FMA4 (AMD) is not on the allow list", 15);
  for (const OutsideSet &S : NotAllowedInsns)
    if (Name.starts_with(S.Prefix))
      return error(Loc, Twine("instruction ") + S.Set + " is not on the allow list", 15);
  if (isReservedHintNop(Name))
    return error(Loc, "reserved hint-NOP encoding: only 0f 1f /0 with a memory operand is "
                      "allowed as a NOP", 15);
  for (const MCOperand &Op : I)
    if (Op.isReg() && N.isExtendedGpr(Op.getReg()))
      return error(Loc, "APX extended register %" + StringRef(N.regName(Op.getReg())).lower() +
                            " (REX2/EVEX) is not on the allow list",
                   15);
  return true;
}

} // namespace sfi
