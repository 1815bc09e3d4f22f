// R14/R16: instructions sfi-as refuses, and R3/R4: writes of the reserved registers.
//
// This is a deny list by LLVM opcode name. It is not the safety argument (the verifier's allow
// list, R15, is); it exists so that code that could never verify fails early, at the source line,
// with the rule that forbids it.
#include "SandboxStreamer.h"

#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/Support/Casting.h"

using namespace llvm;

namespace sfi {

namespace {
struct Forbidden {
  const char *Prefix; // LLVM opcode name prefix
  const char *What;
};

// Each entry names the R14 class it implements. Prefixes are chosen so they match nothing
// allowed (e.g. "IN8" rather than "IN", which would match INC).
const Forbidden ForbiddenTable[] = {
    // system-call and interrupt entry (syscall itself is rewritten, R18)
    {"SYSENTER", "sysenter"}, {"SYSEXIT", "sysexit"}, {"SYSRET", "sysret"},
    {"INT", "int/int3/into"}, {"IRET", "iret"}, {"UIRET", "uiret"}, {"ERET", "eret"},
    // I/O
    {"IN8", "in"}, {"IN16", "in"}, {"IN32", "in"}, {"INSB", "ins"}, {"INSW", "ins"},
    {"INSL", "ins"}, {"OUT", "out/outs"},
    // privileged and system
    {"HLT", "hlt"}, {"CLI", "cli"}, {"STI", "sti"}, {"LGDT", "descriptor table"},
    {"SGDT", "descriptor table"}, {"LIDT", "descriptor table"}, {"SIDT", "descriptor table"},
    {"LLDT", "descriptor table"}, {"SLDT", "descriptor table"}, {"LTR", "task register"},
    {"STR16", "task register"}, {"STR32", "task register"}, {"STR64", "task register"},
    {"STRm", "task register"}, {"LMSW", "machine status word"}, {"SMSW", "machine status word"},
    {"CLTS", "clts"}, {"INVLPG", "invlpg"}, {"INVD", "invd"}, {"WBINVD", "wbinvd"},
    {"WBNOINVD", "wbnoinvd"}, {"INVPCID", "invpcid"}, {"INVEPT", "VMX"}, {"INVVPID", "VMX"},
    {"RDMSR", "MSR access"}, {"WRMSR", "MSR access"}, {"URDMSR", "MSR access"},
    {"UWRMSR", "MSR access"}, {"RDPMC", "rdpmc"}, {"SWAPGS", "swapgs"},
    {"MONITOR", "monitor"}, {"MWAIT", "mwait"}, {"UMONITOR", "umonitor"}, {"UMWAIT", "umwait"},
    {"TPAUSE", "tpause"}, {"CLAC", "clac"}, {"STAC", "stac"}, {"LAR", "lar"}, {"LSL", "lsl"},
    {"VERR", "verr"}, {"VERW", "verw"}, {"CLZERO", "clzero (unmasked implicit store)"},
    {"MOVDIR64B", "movdir64b"}, {"ENQCMD", "enqcmd"}, {"PTWRITE", "ptwrite"},
    {"PCONFIG", "pconfig"}, {"LOADIWKEY", "Key Locker"}, {"ENCODEKEY", "Key Locker"},
    {"HRESET", "hreset"}, {"SERIALIZE", "serialize"}, {"SENDUIPI", "user interrupts"},
    {"CLUI", "user interrupts"}, {"STUI", "user interrupts"}, {"TESTUI", "user interrupts"},
    {"LWPINS", "LWP"}, {"LWPVAL", "LWP"}, {"LLWPCB", "LWP"}, {"SLWPCB", "LWP"},
    {"GETSEC", "SMX"}, {"ENCLS", "SGX"}, {"ENCLU", "SGX"}, {"ENCLV", "SGX"},
    {"VMCALL", "VMX"}, {"VMCLEAR", "VMX"}, {"VMFUNC", "VMX"}, {"VMLAUNCH", "VMX"},
    {"VMLOAD", "SVM"}, {"VMMCALL", "SVM"}, {"VMPTR", "VMX"}, {"VMREAD", "VMX"},
    {"VMRESUME", "VMX"}, {"VMRUN", "SVM"}, {"VMSAVE", "SVM"}, {"VMWRITE", "VMX"},
    {"VMXO", "VMX"}, {"SKINIT", "SVM"}, {"STGI", "SVM"}, {"CLGI", "SVM"},
    {"PSMASH", "SEV"}, {"PVALIDATE", "SEV"}, {"RMP", "SEV"}, {"TLBSYNC", "tlbsync"},
    {"RDPRU", "rdpru"}, {"LKGS", "lkgs"},
    // far control transfers
    {"FARJMP", "far jmp (ljmp)"}, {"FARCALL", "far call (lcall)"}, {"LRET", "far return (lret)"},
    // segment state
    {"PUSHCS", "segment register push"}, {"PUSHDS", "segment register push"},
    {"PUSHES", "segment register push"}, {"PUSHSS", "segment register push"},
    {"PUSHFS", "segment register push"}, {"PUSHGS", "segment register push"},
    {"POPDS", "segment register pop"}, {"POPES", "segment register pop"},
    {"POPSS", "segment register pop"}, {"POPFS", "segment register pop"},
    {"POPGS", "segment register pop"}, {"LDS", "far pointer load"}, {"LES", "far pointer load"},
    {"LFS", "far pointer load"}, {"LGS", "far pointer load"}, {"LSS", "far pointer load"},
    {"RDFSBASE", "rdfsbase"}, {"RDGSBASE", "rdgsbase"}, {"WRFSBASE", "wrfsbase"},
    {"WRGSBASE", "wrgsbase"},
    // misc
    {"XLAT", "xlat"}, {"ENTER", "enter"}, {"POPF", "popf"},
    {"XSAVE", "xsave"}, {"XRSTOR", "xrstor"}, {"WRPKRU", "wrpkru"}, {"RDPKRU", "rdpkru"},
    {"BND", "MPX"}, {"XBEGIN", "TSX"}, {"XEND", "TSX"}, {"XABORT", "TSX"}, {"XTEST", "TSX"},
    {"XSUSLDTRK", "TSX"}, {"XRESLDTRK", "TSX"},
    {"TILE", "AMX"}, {"LDTILECFG", "AMX"}, {"STTILECFG", "AMX"}, {"KMOV", "AVX-512"},
    {"INCSSP", "CET shadow stack"}, {"RDSSP", "CET shadow stack"},
    {"SAVEPREVSSP", "CET shadow stack"}, {"RSTORSSP", "CET shadow stack"},
    {"WRSS", "CET shadow stack"}, {"WRUSS", "CET shadow stack"},
    {"SETSSBSY", "CET shadow stack"}, {"CLRSSBSY", "CET shadow stack"},
};

bool isMovSegOrCtl(StringRef Name) {
  // MOV16sr, MOV64rs, MOV16sm, MOV16ms (segment), MOV64cr/rc (control), MOV64dr/rd (debug).
  if (!Name.consume_front("MOV"))
    return false;
  Name = Name.drop_while([](char C) { return C >= '0' && C <= '9'; });
  return Name == "sr" || Name == "rs" || Name == "sm" || Name == "ms" || Name == "cr" ||
         Name == "rc" || Name == "dr" || Name == "rd";
}
// BT16mr, BTS64mr, ...: with a register bit offset, the bit-string instructions address
// operand + offset/8 with a signed 64-bit offset, so masking the operand bounds nothing (R11).
// The immediate forms (BT..mi8) wrap the offset within the operand and are fine.
bool isBitStringRegOffset(StringRef Name) {
  if (!Name.consume_front("BT"))
    return false;
  Name.consume_front("S") || Name.consume_front("R") || Name.consume_front("C");
  return Name == "16mr" || Name == "32mr" || Name == "64mr";
}
} // namespace

bool SandboxStreamer::isStandalonePrefix(unsigned Opc) const {
  return N.opName(Opc).ends_with("_PREFIX");
}

bool SandboxStreamer::checkForbidden(const MCInst &I, SMLoc Loc) {
  StringRef Name = N.opName(I.getOpcode());
  for (const Forbidden &F : ForbiddenTable)
    if (Name.starts_with(F.Prefix))
      return error(Loc, Twine("forbidden instruction: ") + F.What, 14);
  if (isBitStringRegOffset(Name))
    return error(Loc, "bt/bts/btr/btc with a memory operand and a register bit offset reaches "
                      "up to 2^60 bytes past its operand, beyond any guard", 11);
  if (isMovSegOrCtl(Name))
    return error(Loc, "forbidden instruction: segment/control/debug register move", 14);
  if (Name.contains("GATHER") || Name.contains("SCATTER"))
    return error(Loc, "forbidden instruction: VSIB gather/scatter", 14);
  if (!checkInstructionSet(I, Loc))
    return false;
  for (const MCOperand &Op : I)
    if (Op.isReg() && N.isEvexOnly(Op.getReg()))
      return error(Loc, "forbidden instruction: AVX-512/EVEX register " + StringRef(N.regName(Op.getReg())).lower(),
                   14);
  // General/local-dynamic TLS calls __tls_get_addr with a fixed byte pattern that the linker
  // relaxes into an %fs: access, past the rewriter: compile with -ftls-model=initial-exec.
  for (const MCOperand &Op : I)
    if (Op.isExpr())
      if (const auto *SR = dyn_cast<MCSymbolRefExpr>(Op.getExpr())) {
        auto K = SR->getKind();
        if (K == MCSymbolRefExpr::VK_TLSGD || K == MCSymbolRefExpr::VK_TLSLD ||
            K == MCSymbolRefExpr::VK_TLSLDM || K == MCSymbolRefExpr::VK_DTPOFF ||
            K == MCSymbolRefExpr::VK_TLSDESC || K == MCSymbolRefExpr::VK_TLSCALL)
          return error(Loc,
                       "dynamic TLS model (use -ftls-model=initial-exec or local-exec)", 18);
      }
  // Prefixes kept as separate statements: only the meaningful ones may survive (R16).
  for (const MCInst &P : Pending) {
    StringRef PN = N.opName(P.getOpcode());
    if (PN == "FS_PREFIX" || PN == "GS_PREFIX")
      return error(PendingLoc, "%fs/%gs segment prefix", 16);
    if (PN == "XACQUIRE_PREFIX" || PN == "XRELEASE_PREFIX")
      return error(PendingLoc, "xacquire/xrelease prefix (TSX)", 14);
    if (PN == "ADDR32_PREFIX" || PN == "ADDR16_PREFIX")
      return error(PendingLoc, "address-size prefix", 16);
  }
  return true;
}

void SandboxStreamer::explicitDefs(const MCInst &I, SmallVectorImpl<unsigned> &Regs) const {
  const MCInstrDesc &D = N.MII.get(I.getOpcode());
  for (unsigned K = 0, E = std::min<unsigned>(D.getNumDefs(), I.getNumOperands()); K < E; ++K)
    if (I.getOperand(K).isReg() && I.getOperand(K).getReg())
      Regs.push_back(I.getOperand(K).getReg());
  // Tied destinations: MCInst lists a read-modify-write register twice (def, then the tied
  // use), so the defs above already cover it. xchg/xadd/cmpxchg name both written registers
  // as defs in LLVM's tables.
}

bool SandboxStreamer::checkReservedWrites(const MCInst &I, SMLoc Loc) {
  SmallVector<unsigned, 4> Defs;
  explicitDefs(I, Defs);
  const MCInstrDesc &D = N.MII.get(I.getOpcode());
  for (MCPhysReg R : D.implicit_defs())
    Defs.push_back(R);
  for (unsigned R : Defs) {
    if (N.MRI.isSubRegisterEq(N.R15, R))
      return error(Loc, "write of reserved base register %" + StringRef(N.regName(R)).lower(), 3);
    if (R == N.R14)
      return error(Loc, "64-bit write of %r14 (only 32/16/8-bit writes keep it below 2^32)", 4);
  }
  return true;
}

} // namespace sfi
