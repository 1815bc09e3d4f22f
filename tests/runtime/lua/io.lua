-- Files in the granted directory, stdin, require, load and string.dump, os.getenv: the
-- library's C side through musl and the host's system-call layer.
local name = "io-test.tmp"
local f = assert(io.open(name, "w"))
for i = 1, 100 do f:write(string.format("line %03d %s\n", i, ("x"):rep(i % 7))) end
f:write(1.5, " ", 42, "\n")
print(f:seek("cur"), f:seek("set", 5), f:seek("end"))
f:close()
print(io.type(f), io.type(io.stdout), io.type(42))
local count, total = 0, 0
for l in io.lines(name) do count = count + 1; total = total + #l end
print(count, total)
f = assert(io.open(name, "r"))
print(f:read("l"), f:read("n"), f:read(3), f:read("L"))
f:seek("set", 0)
local all = f:read("a")
print(#all, all:sub(-12), f:read("a"), f:read("l"))
f:close()
f = assert(io.open(name, "a+")); f:write("appended\n"); f:seek("set", 0)
local last
for l in f:lines() do last = l end
print(last); f:close()
print(io.open("does-not-exist.txt"))
print(os.rename(name, name .. ".2"), io.open(name), os.remove(name .. ".2"), os.remove(name .. ".2"))
print(pcall(io.lines, "missing"))
local bin = assert(io.open("bin.tmp", "wb"))
bin:write(string.pack("<i4i4d", 1, -1, 2.5)); bin:close()
bin = assert(io.open("bin.tmp", "rb")); print(string.unpack("<i4i4d", bin:read("a"))); bin:close()
os.remove("bin.tmp")
-- stdin (the test feeds this script's own text)
local first = io.read("l")
local rest = io.read("a")
print(first, #rest > 0, select(2, rest:gsub("\n", "")))
print(io.read("l"), io.read(0))
-- require of a module in the directory (package.path has ./?.lua)
local m = require("module")
print(m.greet("sandbox"), require("module") == m, package.loaded.module == m)
print(pcall(require, "no_such_module") )
-- load: text chunks with environments, and a binary chunk from string.dump
local env = { x = 20 }
local chunk = load("y = x * 2; return y", "chunk", "t", env)
print(chunk(), env.y, y)
local function poly(a) local s = 0; for i = 1, a do s = s + i * i end; return s, "poly" end
local dumped = string.dump(poly, true)
print(#dumped > 0, load(dumped, "bin", "b")(10))
print(load(dumped, "bin", "t"))
local pieces, i = { "return ", "1 ", "+ ", "41" }, 0
print(load(function() i = i + 1; return pieces[i] end)())
print(os.getenv("SFI_LUA_TEST"), os.getenv("HOME"), os.time({ year = 2000, month = 1, day = 1, hour = 12 }) ~= nil)
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.difftime(10, 4))
io.write("no newline at the end")
