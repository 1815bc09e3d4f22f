-- Read from stdin by `lua - one two`: the script's arguments, as varargs and in arg.
print(select("#", ...), ..., #arg, arg[0], arg[1], arg[2])
