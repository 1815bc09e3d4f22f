#!/usr/bin/env python3
"""Checks the layout rules sfi-as must produce, on llvm-objdump's listing of an object:
R5: no instruction crosses a 32-byte boundary; R8: every call ends at a boundary;
R6: the interior of the R9/R10/R12/R13 sequences is not at a bundle start.
Not a verifier (that is sfi-verify); a cheap self-check for the rewriter's tests.
usage: check_bundles.py llvm-objdump file.o
       check_bundles.py --strip-padding in.dis out.dis   (drop bundle-padding NOP lines, so
       FileCheck tests can use CHECK-NEXT across padding)"""
import re
import subprocess
import sys

LINE = re.compile(r"^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2}[ \t])+)\s*(.*)$")


PADDING = re.compile(r"^\s*[0-9a-f]+:\s+(?:(?:[0-9a-f]{2} )+\s*)?"
                     r"(nop|nop[lw]\s+(%cs:)?(0x0)?\(%rax(,%rax)?\)|data16)\s*$")


def strip_padding(src, dst):
    with open(src) as f:
        lines = [l for l in f if not PADDING.match(l)]
    with open(dst, "w") as f:
        f.writelines(lines)
    return 0


def main():
    if sys.argv[1] == "--strip-padding":
        return strip_padding(sys.argv[2], sys.argv[3])
    objdump, obj = sys.argv[1], sys.argv[2]
    out = subprocess.run([objdump, "-d", obj], check=True, capture_output=True, text=True).stdout
    bad = 0
    section = None
    prev = None  # (addr, text) of the previous instruction in the section
    for line in out.splitlines():
        if line.startswith("Disassembly of section"):
            section, prev = line, None
            continue
        m = LINE.match(line)
        if not m:
            continue
        addr = int(m.group(1), 16)
        size = len(m.group(2).split())
        text = m.group(3).strip()
        # objdump splits long instructions over two lines; continuation lines have no text
        if not text:
            continue
        end = addr + size
        if addr // 32 != (end - 1) // 32:
            print(f"{obj}: {addr:#x}: '{text}' crosses a bundle boundary (R5)")
            bad += 1
        if text.startswith("call") and end % 32:
            print(f"{obj}: {addr:#x}: '{text}' does not end its bundle (R8)")
            bad += 1
        interior = (re.match(r"addq\s+%r15, %r(sp|\w+)$", text)
                    or re.match(r"(callq|jmpq)\s+\*%r", text)
                    or (text.startswith("retq") and prev and prev[1].startswith("pushq")))
        if interior and addr % 32 == 0:
            print(f"{obj}: {addr:#x}: sequence interior '{text}' at a bundle start (R6)")
            bad += 1
        prev = (addr, text)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
