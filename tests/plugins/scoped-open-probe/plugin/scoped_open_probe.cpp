// The scoped-open probe: reads a file or lists a folder the way any plugin should, in two
// steps: the host judges the path and returns the canonical path it judged
// (warden::PathScope::check, warden.path-scope/1), then that path is opened without following
// any symlink (warden/scoped_file.hpp). A symlink swapped in between the two steps makes the
// open fail, which the probe reports as a refusal by scope.
//
// Test hook, so that a test can swap deterministically between the steps: with the arguments
// "checked" and "proceed" (paths of two FIFOs the test made), the command writes the canonical
// path and a newline to "checked" once the host has judged it, then waits for one line on
// "proceed" before it opens. Without them it runs straight through.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

#include <warden/path_scope.hpp>
#include <warden/plugin.hpp>
#include <warden/scoped_file.hpp>

namespace json = boost::json;

namespace {

std::string string_arg(const json::value& args, const char* name, bool required = true) {
  const json::value* v = args.is_object() ? args.get_object().if_contains(name) : nullptr;
  if (!v || v->is_null()) {
    if (required) throw std::invalid_argument(std::string("argument '") + name + "' is required");
    return {};
  }
  if (!v->is_string()) throw std::invalid_argument(std::string("argument '") + name + "' must be a string");
  return std::string(v->get_string());
}

// The test hook: tell the test the check is done, then wait until it says go on.
void pause_between(const json::value& args, const std::string& canonical) {
  std::string checked = string_arg(args, "checked", false), proceed = string_arg(args, "proceed", false);
  if (checked.empty() || proceed.empty()) return;
  warden::FileDescriptor out(::open(checked.c_str(), O_WRONLY | O_CLOEXEC));
  if (!out) throw std::system_error(errno, std::generic_category(), "cannot open the 'checked' FIFO");
  std::string line = canonical + "\n";
  if (::write(out.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
    throw std::system_error(errno, std::generic_category(), "cannot write the 'checked' FIFO");
  warden::FileDescriptor in(::open(proceed.c_str(), O_RDONLY | O_CLOEXEC));
  if (!in) throw std::system_error(errno, std::generic_category(), "cannot open the 'proceed' FIFO");
  char c = 0;
  while (::read(in.get(), &c, 1) == 1 && c != '\n') {
  }
}

// A symlink met where the judged path had none is a refusal by scope: the host judged another
// place than the one the open would reach.
template <class F>
auto opened_as_judged(F open) {
  try {
    return open();
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::too_many_symbolic_link_levels) throw warden::ScopeRefused(e.what());
    throw;
  }
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value&) {
    if (!warden::PathScope::available(host))
      throw std::runtime_error("this host has no " WARDEN_EXT_PATH_SCOPE ", which the probe needs");
  });

  // {"path", "checked"?, "proceed"?} -> {"canonical", "text"}
  plugin.command("read", [](const json::value& args, warden::Context& ctx) -> json::value {
    std::string canonical = warden::PathScope(ctx).check(string_arg(args, "path"));
    pause_between(args, canonical);
    std::string text = opened_as_judged([&] { return warden::read_scoped_file(canonical, 1 << 20); });
    return json::object{{"canonical", canonical}, {"text", text}};
  }, WARDEN_COMMAND_BLOCKING);

  // {"path", "checked"?, "proceed"?} -> {"canonical", "entries": [name, ...]}
  plugin.command("list", [](const json::value& args, warden::Context& ctx) -> json::value {
    std::string canonical = warden::PathScope(ctx).check(string_arg(args, "path"));
    pause_between(args, canonical);
    auto entries = opened_as_judged([&] { return warden::list_scoped_folder(canonical); });
    json::array names;
    for (const auto& e : entries) names.emplace_back(e.name);
    return json::object{{"canonical", canonical}, {"entries", std::move(names)}};
  }, WARDEN_COMMAND_BLOCKING);
}
