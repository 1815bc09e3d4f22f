-- Closures, varargs, recursion, coroutines (generators, yield across pcall, errors,
-- close), to-be-closed variables, goto.
local function counter()
  local n = 0
  return function(k) n = n + (k or 1); return n end
end
local c1, c2 = counter(), counter()
c1(); c1(5); c2()
print(c1(), c2())
local fns = {}
for i = 1, 5 do fns[i] = function() return i * i end end
print(fns[1](), fns[3](), fns[5]())
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...) or 0) end
  return s, select("#", ...)
end
print(sum(), sum(1, 2, 3), sum(1, nil, 3), (sum(4, 5)))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(25))
local function ack(m, n)
  if m == 0 then return n + 1 elseif n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 300), ack(3, 5))
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
print(tail(1000000, 0))
print(string.format("%s", (function(...) return select("#", ...) end)(nil, nil)))

local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i, i * i) end
    return "done"
  end)
end
local g = gen(3)
print(g()); print(g()); print(g()); print(g())
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local ok, err = pcall(function()
    local d = coroutine.yield("inside pcall")
    error("boom " .. d)
  end)
  print("pcall in coroutine", ok, err)
  return "end"
end)
print(coroutine.resume(co, 1, 2)); print(coroutine.status(co))
print(coroutine.resume(co, "x")); print(coroutine.resume(co, "y"))
print(coroutine.status(co), coroutine.resume(co))
local bad = coroutine.create(function() error({ code = 7 }) end)
local ok, e = coroutine.resume(bad); print(ok, type(e), e.code, coroutine.status(bad))
local pending = coroutine.create(function() coroutine.yield() end)
coroutine.resume(pending); print(coroutine.close(pending), coroutine.status(pending))
print(coroutine.isyieldable(), coroutine.running() ~= nil)
-- A producer/consumer pipeline through three coroutines.
local function producer() return coroutine.wrap(function() for i = 1, 10 do coroutine.yield(i) end end) end
local function filter(src) return coroutine.wrap(function() for v in src do if v % 3 ~= 0 then coroutine.yield(v * 10) end end end) end
local out = {}
for v in filter(producer()) do out[#out + 1] = v end
print(table.concat(out, " "))

do
  local order = {}
  do
    local x <close> = setmetatable({}, { __close = function(_, err) order[#order + 1] = "x:" .. tostring(err) end })
    local y <close> = setmetatable({}, { __close = function() order[#order + 1] = "y" end })
    local z <const> = 3
    order[#order + 1] = "body" .. z
  end
  print(pcall(function()
    local w <close> = setmetatable({}, { __close = function(_, err) order[#order + 1] = "w:" .. tostring(err):match("unwind") end })
    error("unwind")
  end))
  print(table.concat(order, " "))
end

-- goto: continue, leaving nested loops, a state machine.
local odd = {}
for i = 1, 10 do
  if i % 2 == 0 then goto continue end
  odd[#odd + 1] = i
  ::continue::
end
print(table.concat(odd, ","))
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then print("found", i, j); goto out end
  end
end
::out::
local input, pos, tokens = "12+345*6", 1, {}
::start::
if pos > #input then goto finish end
do
  local d = input:match("^%d+", pos)
  if d then tokens[#tokens + 1] = "N" .. d; pos = pos + #d; goto start end
  tokens[#tokens + 1] = "O" .. input:sub(pos, pos); pos = pos + 1
  goto start
end
::finish::
print(table.concat(tokens, " "))
