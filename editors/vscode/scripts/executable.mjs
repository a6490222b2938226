// What a roadmap-lsp binary was built for, read from its header, and the
// VS Code targets it can ship in. Shared by package.mjs and the
// prepublish step.

// The VS Code targets a roadmap-lsp binary is built for, and what that
// binary's header must say.
export const TARGETS = {
  "linux-x64": { format: "elf", cpu: "x64" },
  "linux-arm64": { format: "elf", cpu: "arm64" },
  "alpine-x64": { format: "elf", cpu: "x64" },
  "alpine-arm64": { format: "elf", cpu: "arm64" },
  "darwin-x64": { format: "mach-o", cpu: "x64" },
  "darwin-arm64": { format: "mach-o", cpu: "arm64" },
  "win32-x64": { format: "pe", cpu: "x64" },
  "win32-arm64": { format: "pe", cpu: "arm64" },
};

// The system and processor an executable was built for, from its header.
export function executableKind(bytes) {
  const u16 = (offset, little = true) => (little ? bytes.readUInt16LE(offset) : bytes.readUInt16BE(offset));
  const u32 = (offset) => bytes.readUInt32LE(offset);
  if (bytes.length >= 20 && bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    const machine = u16(18, bytes[5] === 1);
    return { format: "elf", cpu: { 0x3e: "x64", 0xb7: "arm64" }[machine] ?? `machine 0x${machine.toString(16)}` };
  }
  if (bytes.length >= 8 && u32(0) === 0xfeedfacf) {
    const cpu = u32(4);
    return { format: "mach-o", cpu: { 0x01000007: "x64", 0x0100000c: "arm64" }[cpu] ?? `cpu 0x${cpu.toString(16)}` };
  }
  if (bytes.length >= 64 && u16(0) === 0x5a4d) {
    const pe = u32(60);
    if (pe + 6 <= bytes.length && u32(pe) === 0x00004550) {
      const machine = u16(pe + 4);
      return { format: "pe", cpu: { 0x8664: "x64", 0xaa64: "arm64" }[machine] ?? `machine 0x${machine.toString(16)}` };
    }
  }
  return { format: "unknown", cpu: "unknown" };
}
