#include "X86Names.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"

using namespace llvm;

namespace sfi {

namespace {
enum : uint8_t { K_GR64 = 1, K_GR32 = 2, K_EVEX = 4, K_VEC = 8, K_EGPR = 16 };

// X86II::EncodingShift/EncodingMask in LLVM 19's X86BaseInfo.h: two bits, 0 legacy, 1 VEX, 2 XOP,
// 3 EVEX. checkEncodingField() aborts at start-up if a different LLVM moved them.
constexpr unsigned EncodingShift = 29;
constexpr uint64_t EncodingMask = 3;

// %r16..%r31 and their sub-registers (R16D, R16W, R16B, R16BH, R16WH).
bool isExtendedGprName(StringRef N) {
  if (!N.consume_front("R"))
    return false;
  StringRef Digits = N.take_while(isDigit);
  unsigned Num = 0;
  if (Digits.empty() || Digits.getAsInteger(10, Num) || Num < 16 || Num > 31)
    return false;
  StringRef Suffix = N.drop_front(Digits.size());
  return Suffix.empty() || Suffix == "D" || Suffix == "W" || Suffix == "B" || Suffix == "BH" ||
         Suffix == "WH";
}

const char *const GprNames[16][4] = {
    {"RAX", "EAX", "AX", "AL"},     {"RCX", "ECX", "CX", "CL"},     {"RDX", "EDX", "DX", "DL"},
    {"RBX", "EBX", "BX", "BL"},     {"RSP", "ESP", "SP", "SPL"},    {"RBP", "EBP", "BP", "BPL"},
    {"RSI", "ESI", "SI", "SIL"},    {"RDI", "EDI", "DI", "DIL"},    {"R8", "R8D", "R8W", "R8B"},
    {"R9", "R9D", "R9W", "R9B"},    {"R10", "R10D", "R10W", "R10B"}, {"R11", "R11D", "R11W", "R11B"},
    {"R12", "R12D", "R12W", "R12B"}, {"R13", "R13D", "R13W", "R13B"}, {"R14", "R14D", "R14W", "R14B"},
    {"R15", "R15D", "R15W", "R15B"},
};
} // namespace

X86Names::X86Names(const MCInstrInfo &MII, const MCRegisterInfo &MRI) : MII(MII), MRI(MRI) {
  for (unsigned I = 0, E = MII.getNumOpcodes(); I != E; ++I)
    Ops[MII.getName(I)] = I;
  unsigned NR = MRI.getNumRegs();
  GprOf.assign(NR, -1);
  RegKind.assign(NR, 0);
  for (unsigned R = 1; R < NR; ++R) {
    StringRef N = MRI.getName(R);
    Regs[N] = R;
    // AVX-512 mask registers k0-k7 (and LLVM's k-register pairs): only EVEX uses them.
    if (N.size() >= 2 && N[0] == 'K' && isDigit(N[1]))
      RegKind[R] |= K_EVEX;
    if (isExtendedGprName(N))
      RegKind[R] |= K_EGPR;
    if (N.starts_with("XMM") || N.starts_with("YMM") || N.starts_with("ZMM")) {
      RegKind[R] |= K_VEC;
      unsigned Num = 0;
      if (!N.drop_front(3).getAsInteger(10, Num) && Num >= 16)
        RegKind[R] |= K_EVEX;
      if (N.starts_with("ZMM"))
        RegKind[R] |= K_EVEX;
    }
  }
  for (int I = 0; I < 16; ++I) {
    GPRs[I] = {reg(GprNames[I][0]), reg(GprNames[I][1]), reg(GprNames[I][2]), reg(GprNames[I][3])};
    GprOf[GPRs[I].R64] = GprOf[GPRs[I].R32] = GprOf[GPRs[I].R16] = GprOf[GPRs[I].R8] = I;
    RegKind[GPRs[I].R64] |= K_GR64;
    RegKind[GPRs[I].R32] |= K_GR32;
  }
  AH = reg("AH"), BH = reg("BH"), CH = reg("CH"), DH = reg("DH");
  GprOf[AH] = 0, GprOf[CH] = 1, GprOf[DH] = 2, GprOf[BH] = 3;
  RAX = reg("RAX"), RSP = reg("RSP"), ESP = reg("ESP"), SP = reg("SP"), SPL = reg("SPL");
  RBP = reg("RBP"), EBP = reg("EBP"), RDI = reg("RDI"), EDI = reg("EDI"), RSI = reg("RSI");
  ESI = reg("ESI"), RIP = reg("RIP"), EIP = reg("EIP"), R11 = reg("R11"), R11D = reg("R11D");
  R14 = reg("R14"), R14D = reg("R14D"), R15 = reg("R15"), FS = reg("FS"), GS = reg("GS");
  checkEncodingField();
}

void X86Names::checkEncodingField() const {
  const std::pair<const char *, Encoding> Known[] = {{"ADD32rr", Encoding::Legacy},
                                                    {"VPMULLDYrr", Encoding::VEX},
                                                    {"VPCMOVrrr", Encoding::XOP},
                                                    {"VPMULLDZ256rr", Encoding::EVEX}};
  for (const auto &[Name, Want] : Known)
    if (encoding(op(Name)) != Want)
      report_fatal_error(Twine("sfi-as: X86 TSFlags encoding field is not at bit ") +
                         Twine(EncodingShift) + " in this LLVM (checked on " + Name + ")");
}

X86Names::Encoding X86Names::encoding(unsigned Opc) const {
  return Encoding((MII.get(Opc).TSFlags >> EncodingShift) & EncodingMask);
}

unsigned X86Names::opOr0(StringRef Name) const {
  auto It = Ops.find(Name);
  return It == Ops.end() ? 0 : It->second;
}

unsigned X86Names::op(StringRef Name) const {
  unsigned O = opOr0(Name);
  if (!O)
    report_fatal_error("sfi-as: LLVM has no X86 opcode named " + Name);
  return O;
}

unsigned X86Names::reg(StringRef Name) const {
  auto It = Regs.find(Name);
  if (It == Regs.end())
    report_fatal_error("sfi-as: LLVM has no X86 register named " + Name);
  return It->second;
}

int X86Names::gprIndex(unsigned Reg) const { return Reg < GprOf.size() ? GprOf[Reg] : -1; }
bool X86Names::isGR64(unsigned Reg) const { return Reg < RegKind.size() && (RegKind[Reg] & K_GR64); }
bool X86Names::isGR32(unsigned Reg) const { return Reg < RegKind.size() && (RegKind[Reg] & K_GR32); }
bool X86Names::isEvexOnly(unsigned Reg) const {
  return Reg < RegKind.size() && (RegKind[Reg] & K_EVEX);
}
bool X86Names::isExtendedGpr(unsigned Reg) const {
  return Reg < RegKind.size() && (RegKind[Reg] & K_EGPR);
}
bool X86Names::isVector(unsigned Reg) const { return Reg < RegKind.size() && (RegKind[Reg] & K_VEC); }

unsigned X86Names::lowOfHigh(unsigned Reg) const { return GPRs[gprIndex(Reg)].R8; }

} // namespace sfi
