-- Run by lsp_neovim_test.sh inside `nvim --headless`: starts `strikeline lsp` with
-- Neovim 0.7's built-in client on the file being edited, waits for its diagnostics,
-- and writes what Neovim received (vim.diagnostic.get) to $STRIKELINE_NVIM_OUT, a
-- line each: `line:column:code:source:message` (0-based, as Neovim keeps them).
local exe = os.getenv("STRIKELINE_EXE")
local out = os.getenv("STRIKELINE_NVIM_OUT")
local root = os.getenv("STRIKELINE_ROOT")

local function finish(lines)
  vim.fn.writefile(lines, out)
  vim.cmd("qall!")
end

local client_id = vim.lsp.start_client({
  name = "strikeline",
  cmd = { exe, "lsp" },
  root_dir = root,
  on_exit = function(code) if code ~= 0 then io.stderr:write("strikeline lsp exited with " .. code .. "\n") end end,
})
if not client_id then return finish({ "error: the client did not start" }) end
vim.lsp.buf_attach_client(0, client_id)

local got = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
if not got then return finish({ "error: no diagnostics within 30 s" }) end
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format("%d:%d:%s:%s:%s", d.lnum, d.col, tostring(d.code), tostring(d.source),
    (d.message:gsub("\n", " "))))
end
-- The server stops cleanly: shutdown, then exit.
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
finish(lines)
