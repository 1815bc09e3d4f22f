-- Tables: the table library, length, sorting with comparators, metatables and metamethods,
-- weak tables and finalizers under a full collection.
local function keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = tostring(k) end
  table.sort(ks)
  return table.concat(ks, ",")
end

local t = {}
for i = 1, 20 do t[i] = (i * 7919) % 101 end
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " ", 1, 5))
table.insert(t, 1, -1); table.insert(t, 999); print(#t, t[1], t[#t], table.remove(t), table.remove(t, 1), #t)
print(table.unpack({ 1, 2, 3, nil, 5 }, 1, 5))
local p = table.pack(1, nil, 3); print(p.n, p[1], p[2], p[3])
print(table.concat(table.move({ 1, 2, 3, 4, 5 }, 2, 4, 1), ","))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog again and again"):gmatch("%a+") do
  words[w] = (words[w] or 0) + 1
end
print(keys(words), words.the, words.again)
local recs = { { n = "b", v = 2 }, { n = "a", v = 2 }, { n = "c", v = 1 } }
table.sort(recs, function(x, y) if x.v ~= y.v then return x.v < y.v end return x.n < y.n end)
for _, r in ipairs(recs) do io.write(r.n, r.v, " ") end
print()

local big = {}
for i = 1, 100000 do big[i] = i * 2 end
local sum = 0
for i = 1, #big do sum = sum + big[i] end
print(#big, sum)
local h = {}
for i = 1, 50000 do h["k" .. i] = i end
local hs = 0
for _, v in pairs(h) do hs = hs + v end
print(hs)
for i = 1, 50000, 2 do h["k" .. i] = nil end
local n = 0
for _ in pairs(h) do n = n + 1 end
print(n)

local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end
Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__mul = function(a, k) return vec(a.x * k, a.y * k) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a:len2() < b:len2() end
Vec.__le = function(a, b) return a:len2() <= b:len2() end
Vec.__tostring = function(a) return "(" .. a.x .. "," .. a.y .. ")" end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
Vec.__len = function() return 2 end
Vec.__call = function(a, k) return a[k] end
Vec.__unm = function(a) return vec(-a.x, -a.y) end
Vec.__idiv = function(a, k) return vec(a.x // k, a.y // k) end
function Vec:len2() return self.x * self.x + self.y * self.y end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), tostring(a * 3), a == vec(1, 2), a < b, b <= a, a .. b, #a, a("y"), tostring(-a), tostring(b // 2))
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k; return k:upper() end,
  __newindex = function(tt, k, v) log[#log + 1] = "set " .. k; rawset(tt, k, v) end,
})
print(proxy.foo, proxy.bar); proxy.baz = 1; print(proxy.baz, rawget(proxy, "foo"), table.concat(log, ";"))
local inherit = setmetatable({}, { __index = setmetatable({ a = 1 }, { __index = { b = 2 } }) })
print(inherit.a, inherit.b, inherit.c)

local weak = setmetatable({}, { __mode = "k" })
local strong = {}
for i = 1, 10 do
  local key = {}
  weak[key] = i
  if i % 2 == 0 then strong[#strong + 1] = key end
end
local finalized = 0
for _ = 1, 5 do setmetatable({}, { __gc = function() finalized = finalized + 1 end }) end
collectgarbage(); collectgarbage()
local live = 0
for _ in pairs(weak) do live = live + 1 end
print("weak keys left", live, "finalized", finalized)
print(next({}), rawlen({ 1, 2, 3 }), rawequal(a, a), select(-1, 1, 2, 3), select("#"))
