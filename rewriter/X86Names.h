// Opcode and register lookup by name.
//
// The X86 target's generated enums (X86::MOV32rr, X86::RAX, ...) live in headers that LLVM does
// not install, so sfi-as finds opcodes and registers through MCInstrInfo/MCRegisterInfo names once
// at start-up. A missing name is a build-environment bug and aborts immediately.
#pragma once

#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"

namespace sfi {

// The 16 general registers at each width. Index 0..15 in hardware order: rax rcx rdx rbx rsp rbp
// rsi rdi r8..r15.
struct GPR {
  unsigned R64, R32, R16, R8;
};

class X86Names {
public:
  X86Names(const llvm::MCInstrInfo &MII, const llvm::MCRegisterInfo &MRI);

  unsigned op(llvm::StringRef Name) const;   // aborts if unknown
  unsigned opOr0(llvm::StringRef Name) const; // 0 if unknown
  unsigned reg(llvm::StringRef Name) const;  // aborts if unknown
  llvm::StringRef opName(unsigned Opc) const { return MII.getName(Opc); }
  llvm::StringRef regName(unsigned Reg) const { return MRI.getName(Reg); }

  // Index 0..15 of the general register that Reg is part of (any width, including
  // %ah..%bh), or -1.
  int gprIndex(unsigned Reg) const;
  const GPR &gpr(int Index) const { return GPRs[Index]; }
  unsigned to32(unsigned Reg64) const { return GPRs[gprIndex(Reg64)].R32; }
  bool isGR64(unsigned Reg) const;
  bool isGR32(unsigned Reg) const;
  bool isHighByte(unsigned Reg) const { return Reg && (Reg == AH || Reg == BH || Reg == CH || Reg == DH); }
  // %ah -> %al etc.
  unsigned lowOfHigh(unsigned Reg) const;
  // Registers that only EVEX can encode: zmm*, xmm16+/ymm16+, k0-k7 (R14).
  bool isEvexOnly(unsigned Reg) const;
  bool isVector(unsigned Reg) const; // xmm/ymm/zmm: a VSIB index
  // APX extended general registers %r16..%r31 (any width): only REX2 or EVEX encode them.
  bool isExtendedGpr(unsigned Reg) const;

  // How an opcode is encoded: X86II::EncodingMask of MCInstrDesc::TSFlags (X86BaseInfo.h is not
  // installed either; the constructor checks the field's position against known opcodes).
  enum class Encoding { Legacy, VEX, XOP, EVEX };
  Encoding encoding(unsigned Opc) const;

  const llvm::MCInstrInfo &MII;
  const llvm::MCRegisterInfo &MRI;

  // Frequently used registers.
  unsigned RAX, RSP, ESP, SP, SPL, RBP, EBP, RDI, EDI, RSI, ESI, RIP, EIP;
  unsigned R11, R11D, R14, R14D, R15, FS, GS, AH, BH, CH, DH;

private:
  void checkEncodingField() const;

  llvm::StringMap<unsigned> Ops, Regs;
  GPR GPRs[16];
  std::vector<int8_t> GprOf;          // register number -> gpr index or -1
  std::vector<uint8_t> RegKind;       // register number -> bit set, see X86Names.cpp
};

} // namespace sfi
