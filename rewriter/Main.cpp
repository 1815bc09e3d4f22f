// sfi-as: assemble x86-64 AT&T assembly into a sandboxed ELF64 relocatable object
// (docs/sandbox-abi.md).
//
//   sfi-as [options] input.s -o output.o
//
// -g generates DWARF line information for the assembly source itself (like llvm-mc -g and
// clang -c -g x.s); input that carries its own .file/.loc (compiler output) keeps those instead.
//
// Two passes over the input: pass 1 (TargetCollector) finds labels that must be bundle-aligned,
// pass 2 (SandboxStreamer) rewrites and encodes. The object is written only if both passes
// succeed; on error any existing output file is removed, so a build never picks up stale code.
#include "Options.h"
#include "SandboxStreamer.h"
#include "TargetCollector.h"
#include "X86Names.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/MC/MCAsmBackend.h"
#include "llvm/MC/MCAsmInfo.h"
#include "llvm/MC/MCCodeEmitter.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCObjectFileInfo.h"
#include "llvm/MC/MCObjectWriter.h"
#include "llvm/MC/MCParser/MCAsmParser.h"
#include "llvm/MC/MCParser/MCTargetAsmParser.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/MCTargetOptions.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

using namespace llvm;

namespace {

const char *const Triple_ = "x86_64-unknown-linux-gnu";
// Parse everything R15 allows (and a bit more, so that what R14 forbids gets a rule-numbered
// error from sfi-as rather than a bare "instruction requires" from the parser).
const char *const Features =
    "+sse4.2,+avx2,+fma,+f16c,+bmi,+bmi2,+popcnt,+lzcnt,+aes,+pclmul,+movbe,+cx16,+adx,"
    "+rdrnd,+rdseed,+xsave,+xsaveopt,+xsavec,+xsaves,+fsgsbase,+rtm,+pku,+avx512f,+avx512vl,"
    "+avx512bw,+avx512dq";

struct Cli {
  std::string Input, Output = "a.o";
  std::vector<std::string> IncludeDirs;
  bool DebugInfo = false; // -g
  std::string MainFileName; // -main-file-name: the source a preprocessed input came from
  sfi::Options Opts;
};

void usage(raw_ostream &OS) {
  OS << "usage: sfi-as [--stores-only] [--thread-safe-returns] [--stats] [-g [-main-file-name f]] "
        "[-I dir]... "
        "input.s|- [-o out.o]\n";
}

bool parseCli(int argc, char **argv, Cli &C) {
  for (int I = 1; I < argc; ++I) {
    StringRef A = argv[I];
    if (A == "-o" && I + 1 < argc)
      C.Output = argv[++I];
    else if (A.starts_with("-o") && A.size() > 2)
      C.Output = A.drop_front(2).str();
    else if (A == "-I" && I + 1 < argc)
      C.IncludeDirs.push_back(argv[++I]);
    else if (A.starts_with("-I") && A.size() > 2)
      C.IncludeDirs.push_back(A.drop_front(2).str());
    else if (A == "--stores-only")
      C.Opts.StoresOnly = true;
    else if (A == "--thread-safe-returns")
      C.Opts.ThreadSafeReturns = true;
    else if (A == "--stats")
      C.Opts.Stats = true;
    else if (A == "-g")
      C.DebugInfo = true;
    else if (A == "-main-file-name" && I + 1 < argc)
      C.MainFileName = argv[++I];
    else if (A == "-h" || A == "--help") {
      usage(outs());
      exit(0);
    } else if ((A == "-" || !A.starts_with("-")) && C.Input.empty())
      C.Input = A.str();
    else {
      errs() << "sfi-as: error: unknown or misplaced argument '" << A << "'\n";
      return false;
    }
  }
  if (C.Input.empty()) {
    usage(errs());
    return false;
  }
  return true;
}

// Everything one parse needs. Each pass gets its own, so symbols and diagnostics never mix.
struct MCEnv {
  SourceMgr SrcMgr;
  MCTargetOptions MCOptions;
  std::unique_ptr<MCContext> Ctx;
  std::unique_ptr<MCObjectFileInfo> MOFI;

  MCEnv(const Target &T, const MCAsmInfo &MAI, const MCRegisterInfo &MRI,
        const MCSubtargetInfo &STI, std::unique_ptr<MemoryBuffer> Buf,
        const std::vector<std::string> &Inc) {
    SrcMgr.AddNewSourceBuffer(std::move(Buf), SMLoc());
    SrcMgr.setIncludeDirs(Inc);
    Ctx = std::make_unique<MCContext>(Triple(Triple_), &MAI, &MRI, &STI, &SrcMgr, &MCOptions);
    MOFI.reset(T.createMCObjectFileInfo(*Ctx, /*PIC=*/true));
    Ctx->setObjectFileInfo(MOFI.get());
    Ctx->setDwarfVersion(5); // what clang-19 emits with -g (.file 0 needs it)
  }

  // DWARF for the assembly source (MCContext's GenDwarfForAssembly, as llvm-mc -g sets it up):
  // the parser then emits a line-table row for each statement and a DW_TAG_label for each label,
  // and the object streamer writes .debug_info/.debug_line at finish. A .file directive in the
  // input turns it off again in favour of the input's own line information.
  void generateDwarfForSource(StringRef Name, StringRef Source, StringRef MainFileName) {
    SmallString<256> Cwd;
    if (!sys::fs::current_path(Cwd))
      Ctx->setCompilationDir(Cwd);
    if (!MainFileName.empty())
      Ctx->setMainFileName(MainFileName); // the compile unit's name
    Ctx->setGenDwarfForAssembly(true);
    Ctx->setDwarfDebugProducer("sfi-as");
    Ctx->setGenDwarfRootFile(Name, Source);
  }

  bool run(const Target &T, MCStreamer &S, const MCAsmInfo &MAI, const MCSubtargetInfo &STI,
           const MCInstrInfo &MII, sfi::SandboxStreamer *SS = nullptr) {
    std::unique_ptr<MCAsmParser> P(createMCAsmParser(SrcMgr, *Ctx, S, MAI));
    if (SS)
      SS->setParser(P.get());
    std::unique_ptr<MCTargetAsmParser> TAP(T.createMCAsmParser(STI, *P, MII, MCOptions));
    if (!TAP)
      return false;
    P->setTargetParser(*TAP);
    // Pass 2 finalizes itself (finishSandbox first): MCELFStreamer::finishImpl is final.
    if (P->Run(/*NoInitialTextSection=*/false, /*NoFinalize=*/SS != nullptr) || Ctx->hadError())
      return false;
    if (SS) {
      if (!SS->finishSandbox())
        return false;
      SS->finish(P->getTok().getLoc());
    }
    return !Ctx->hadError();
  }
};

} // namespace

int main(int argc, char **argv) {
  Cli C;
  if (!parseCli(argc, argv, C))
    return 1;
  LLVMInitializeX86TargetInfo();
  LLVMInitializeX86TargetMC();
  LLVMInitializeX86AsmParser();

  std::string Err;
  const Target *T = TargetRegistry::lookupTarget(Triple_, Err);
  if (!T) {
    errs() << "sfi-as: error: " << Err << "\n";
    return 1;
  }
  auto Fail = [&]() {
    // Never leave an output behind on error, not even a stale one from an earlier run.
    if (C.Output != "-")
      sys::fs::remove(C.Output);
    return 1;
  };

  auto BufOr = MemoryBuffer::getFileOrSTDIN(C.Input);
  if (!BufOr) {
    errs() << "sfi-as: error: " << C.Input << ": " << BufOr.getError().message() << "\n";
    return Fail();
  }
  std::unique_ptr<MemoryBuffer> Input = std::move(*BufOr);
  StringRef Name = C.Input == "-" ? "<stdin>" : StringRef(C.Input);

  MCTargetOptions MCOptions;
  std::unique_ptr<MCRegisterInfo> MRI(T->createMCRegInfo(Triple_));
  std::unique_ptr<MCAsmInfo> MAI(T->createMCAsmInfo(*MRI, Triple_, MCOptions));
  std::unique_ptr<MCInstrInfo> MII(T->createMCInstrInfo());
  std::unique_ptr<MCSubtargetInfo> STI(T->createMCSubtargetInfo(Triple_, "x86-64", Features));
  sfi::X86Names N(*MII, *MRI);

  // Pass 1: collect labels to align.
  sfi::AlignSet Labels;
  {
    MCEnv E(*T, *MAI, *MRI, *STI, MemoryBuffer::getMemBuffer(Input->getBuffer(), Name), C.IncludeDirs);
    sfi::TargetCollector Collector(*E.Ctx, N, Labels);
    T->createNullTargetStreamer(Collector);
    if (!E.run(*T, Collector, *MAI, *STI, *MII))
      return Fail();
  }

  // Pass 2: rewrite and encode into memory.
  SmallVector<char, 0> Obj;
  raw_svector_ostream OS(Obj);
  {
    MCEnv E(*T, *MAI, *MRI, *STI, MemoryBuffer::getMemBuffer(Input->getBuffer(), Name), C.IncludeDirs);
    if (C.DebugInfo)
      E.generateDwarfForSource(Name, Input->getBuffer(), C.MainFileName);
    std::unique_ptr<MCAsmBackend> MAB(T->createMCAsmBackend(*STI, *MRI, E.MCOptions));
    std::unique_ptr<MCCodeEmitter> CE(T->createMCCodeEmitter(*MII, *E.Ctx));
    if (!MAB || !CE) {
      errs() << "sfi-as: error: X86 backend unavailable\n";
      return Fail();
    }
    auto OW = MAB->createObjectWriter(OS);
    sfi::SandboxStreamer S(*E.Ctx, std::move(MAB), std::move(OW), std::move(CE), N, *STI,
                           C.Opts, Labels);
    T->createNullTargetStreamer(S);
    bool Ok = E.run(*T, S, *MAI, *STI, *MII, &S);
    S.setParser(nullptr);
    if (C.Opts.Stats)
      S.printStats(errs());
    if (!Ok)
      return Fail();
  }

  std::error_code EC;
  raw_fd_ostream Out(C.Output, EC, sys::fs::OF_None);
  if (EC) {
    errs() << "sfi-as: error: " << C.Output << ": " << EC.message() << "\n";
    return Fail();
  }
  Out.write(Obj.data(), Obj.size());
  Out.close();
  if (Out.has_error()) {
    Out.clear_error();
    return Fail();
  }
  return 0;
}
