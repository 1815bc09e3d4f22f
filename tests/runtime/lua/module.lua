-- Loaded by io.lua through require (package.path ./?.lua).
local M = {}
function M.greet(who) return "hello, " .. who end
return M
