-- Integers and floats: wraparound, floor division and modulo by sign, conversions, bitwise
-- operators, comparisons across subtypes, math library results to full precision.
local mi, ma = math.mininteger, math.maxinteger
print(ma, mi, ma + 1 == mi, mi - 1 == ma, ma * 2, -mi, mi // -1, math.type(1), math.type(1.0), math.type("1"))
for _, p in ipairs({ { 7, 3 }, { -7, 3 }, { 7, -3 }, { -7, -3 }, { 7.5, 2 }, { -7.5, 2 }, { 5, 0.0 }, { -5, 0.0 } }) do
  local a, b = p[1], p[2]
  io.write(string.format("%s//%s=%s %s%%%s=%s  ", a, b, a // b, a, b, a % b))
end
print()
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
print(0.0 / 0.0 ~= 0.0 / 0.0, 1 / 0, -1 / 0, 3 / 2, 4 / 2, 2 ^ 10, 10 // 3.0, 2 ^ 0.5)
print(1 == 1.0, math.maxinteger + 0.0 == math.maxinteger, 2 ^ 53 == 2 ^ 53 + 1, 1 < 1.5, -0.0 == 0.0)
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger("8"), 3 | 0, pcall(function() return 3.5 | 0 end))
print(tonumber("0x10"), tonumber("  12  "), tonumber("1e2"), tonumber("0x1p4"), tonumber("10", 2), tonumber("zz", 36), tonumber("8", 8), tonumber(""), tonumber("1e"))
print("10" + 5, "3.0" * 2, 10 .. 20, "0x10" + 0, math.floor(-3.5), math.ceil(-3.5), math.floor(2 ^ 62))
print(0xff & 0x0f, 0xf0 | 0x0f, 0xff ~ 0x0f, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 3 << -1)
print(math.abs(mi), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7.5, 2), pcall(math.fmod, 1, 0))
print(math.max(3, 7.5, -1), math.min(3, 7.5, -1), math.ult(1, -1), math.huge, -math.huge, math.pi)
local function full(x) return string.format("%.17g", x) end
print(full(math.sqrt(2)), full(math.exp(1)), full(math.log(10)), full(math.log(8, 2)), full(math.log(100, 10)))
print(full(math.sin(1)), full(math.cos(1)), full(math.tan(1)), full(math.asin(0.5)), full(math.acos(0.5)), full(math.atan(1, 2)))
print(full(1e308 * 10), full(2 ^ -1074), full(0.1 + 0.2), full(1 / 3), full(100 / 7), full(123456789 * 1e-9))
print(3 % math.huge, -3 % math.huge, 3 % -math.huge, 5.3 % 2, -5.3 % 2, 2 ^ 63 // 1)
for _, s in ipairs({ "1", "1.0", "-0", "0x7fffffffffffffff", "0xffffffffffffffff", "9223372036854775808", "1e400", ".5", "5.", "0x.8" }) do
  io.write(s, "->", tostring(tonumber(s)), " ")
end
print()
-- Accumulations that depend on exact float and integer semantics.
local acc, iacc = 0.0, 0
for i = 1, 200000 do
  acc = acc + 1 / i
  iacc = (iacc * 31 + i) & 0xffffffff
end
print(full(acc), iacc)
local x = 1.0
for _ = 1, 60 do x = x * 1.5 - 0.25 end
print(full(x), string.format("%.3e", x), math.floor(x % 1000))
math.randomseed(42)
local r = {}
for i = 1, 5 do r[i] = math.random(1000) end
print(table.concat(r, " "), math.random(5, 5), full(math.random() * 0))
