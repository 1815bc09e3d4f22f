-- String library: patterns (captures, %b, %f, anchors, gsub with tables and functions),
-- string.format of every conversion, pack/unpack, utf8.
local function show(...) print(select("#", ...), ...) end

show(string.find("hello sandbox world", "sand(%a+)"))
show(string.find("a.b.c", ".", 1, true))
show(string.match("key = value # comment", "^(%w+)%s*=%s*(%w+)"))
show(string.match("  trim me  ", "^%s*(.-)%s*$"))
show(string.match("f(a(b)c)d", "%b()"))
show(string.match("THE (quick) fox", "%f[%a]%a+", 5))
show(string.match("2026-11-22", "(%d+)-(%d+)-(%d+)"))
show(string.match("hello", "()ll()"))
show(string.gsub("hello world", "o", "0"))
show(string.gsub("hello world", "(%w+)", "<%1>"))
show(string.gsub("abc", "%w", "%0%0"))
show(string.gsub("$name is $age", "%$(%w+)", { name = "lua", age = 31 }))
show(string.gsub("1 2 3 4", "%d+", function(d) return d * d end))
show(string.gsub("abc", "", "-"))
show(string.gsub("THE (quick) fox", "%f[%a]%a+", string.lower))
for k, v in string.gmatch("a=1, b=22, ccc=333", "(%w+)=(%w+)") do io.write(k, ":", v, " ") end
print()
for w in string.gmatch("one two  three", "%S+") do io.write("[", w, "]") end
print()
show(pcall(string.rep, "x", -1))
print(string.rep("ab", 5, ","), ("x"):rep(0), #string.rep("abc", 1000))
print(string.byte("ABC", 1, -1), string.char(72, 105), ("héllo"):len(), ("Mixed"):upper(), ("Mixed"):lower())
print(("reverse"):reverse(), ("substring"):sub(4, -3), ("substring"):sub(-3), ("x"):sub(5))
print(string.format("%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%c", 42, 42, 42, 42, 42, 255, 255, 255, 8, 65))
print(string.format("%s|%10s|%-10s|%.2s|%q", "str", "right", "left", "truncate", 'a "quoted"\n\0 string'))
print(string.format("%f|%.3f|%10.4f|%-10.1f|%e|%.2E|%g|%g|%g", math.pi, math.pi, -math.pi, 2.5, 1e300, 12345.678, 1e20, 0.0001, 100))
print(string.format("%.17g|%.0f|%.20f|%g|%g|%g", 0.1, 0.5, 1 / 3, 1 / 0, -1 / 0, 2 ^ 63))
print(string.format("%a|%a|%A|%a", 1.0, 0.1, -255.5, 2 ^ -1074))
print(string.format("%q|%q|%q|%q", 1 / 0, math.mininteger, 0.1, 255))
print(string.format("%5.1s|%%|%i", "abc", -7))
print(tostring(1e15), tostring(1e16), tostring(-0.0), tostring(2 ^ 53), tostring(123456789012))
local packed = string.pack("<i4 >i8 d s1 z", -2, 1 << 40, 1.5, "ab", "zero")
print(#packed, string.unpack("<i4 >i8 d s1 z", packed))
print(string.packsize("i4 i8 d"), string.unpack("B", "\255"), string.unpack("b", "\255"))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häß€"), utf8.codepoint("€", 1))
for p, c in utf8.codes("aé€") do io.write(p, "=", c, " ") end
print()
print(utf8.offset("aé€x", 3), utf8.len("\xff"), utf8.charpattern)
print(("%d items"):format(3), #"\u{10FFFF}", "\65\066\x43\z
       D")
