-- Errors: error values and levels, pcall/xpcall with a message handler and a traceback,
-- runtime errors raised by the VM, error objects with metatables, nested protection.
print(pcall(error, "plain"))
print(pcall(error, "no position", 0))
print(pcall(error))
print(select(2, pcall(error, { code = 42 })).code)
local function lvl2() error("from caller", 2) end
local function caller() lvl2() end
print(pcall(caller))
print(pcall(function() local t = nil; return t.field end))
print(pcall(function() return 1 + {} end))
print(pcall(function() return #5 end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() return ("x"):bad() end))
print(pcall(function() local s = "abc"; return s + 1 end))
print(pcall(string.rep))
print(pcall(setmetatable, 1, {}))
print(pcall(function() return math.floor("x") end))
print(select("#", pcall(function() return 1, 2, 3 end)))
print(xpcall(function() error("handled") end, function(m) return "handler saw: " .. m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
local ok, tb = xpcall(function() local function deep(n) if n == 0 then error("deep") end deep(n - 1) end deep(3) end, debug.traceback)
print(ok, (tb:gsub("\n%s*%[C%]: in %?", "")))
local E = setmetatable({}, { __tostring = function(e) return "E<" .. e.msg .. ">" end })
E.__index = E
local ok2, e = pcall(function() error(setmetatable({ msg = "custom" }, getmetatable(E))) end)
print(ok2, tostring(e))
print(pcall(pcall, error, "nested"))
print(pcall(function() local ok3, m = pcall(error, "inner"); error("outer after " .. m, 0) end))
-- Stack overflow is a catchable error, and the interpreter recovers.
local function inf(n) return 1 + inf(n + 1) end
local ok4, m4 = pcall(inf, 1)
print(ok4, m4:match("stack overflow") ~= nil)
print(pcall(string.format, "%d", 1.5))
print(pcall(load, "return +"))
print(load("return +"))
print(load("syntax error here"))
print(pcall(function() local a <close> = 42 end))
-- An uncaught error ends the script: lua prints it with a traceback and exits with 1.
error("uncaught at top level")
